package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.Outcome;
import io.groupkit.testkit.logs.CapturedLogs;
import io.groupkit.testkit.telegram.ServerFault;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs last: no log line of the whole run (debug included), no outcome and no toString shows the
 * auth key or the session string; phone numbers are masked in logs.
 */
@Order(Integer.MAX_VALUE)
class RedactionAuditTest {

    @Test
    void nothingShowsTheKeyOrTheSession() {
        List<Object> shown = new ArrayList<>();
        List<String> secrets;
        try (Fixture f = new Fixture()) {
            secrets = secrets(f);
            TelegramSession session = TelegramSession.fromTelethon(f.sim.sessionString());
            shown.add(session);
            shown.add(f.client);
            shown.add(Telegram.builder().session(session));
            f.sim.fault(new ServerFault.NoiseFirst());
            shown.add(f.client.add(f.basic, Fixture.phone(101)));
            f.sim.fault(new ServerFault.TransportError(-404));
            shown.add(f.client.add(f.basic, Fixture.phone(102)));
            f.sim.fault(new ServerFault.RpcError(401, "AUTH_KEY_UNREGISTERED"));
            shown.add(f.client.inviteLink(f.basic));
            f.sim.fault(new ServerFault.DropAfterApplying());
            shown.add(f.client.add(f.basic, f.known(103)));
        }
        for (Object o : shown) {
            String text = o.toString() + (o instanceof Outcome out ? out.remedy() : "");
            for (String secret : secrets) {
                assertFalse(text.contains(secret), () -> "shows a secret: " + o.getClass().getSimpleName());
            }
        }
    }

    @Test
    void noLogLineOfTheWholeRunShowsTheKeyTheSessionOrAFullNumber() {
        List<String> lines = CapturedLogs.lines().stream().filter(l -> l.contains(" io.groupkit")).toList();
        assertTrue(lines.size() > 100, "the run logged at debug level: " + lines.size() + " lines");
        assertTrue(lines.stream().anyMatch(l -> l.contains("dropped")), "dropped packets are logged");
        try (Fixture f = new Fixture()) {
            // Every fixture seeds the same key, so these are the secrets of every test in the run.
            List<String> secrets = secrets(f);
            for (String line : lines) {
                for (String secret : secrets) {
                    assertFalse(line.contains(secret), () -> "a log line shows a secret: " + line.substring(0, 60));
                }
                assertFalse(line.matches(".*1201555[0-9]{4}.*"), () -> "a log line shows a phone number: " + line);
            }
        }
    }

    private static List<String> secrets(Fixture f) {
        byte[] key = f.sim.authKey();
        String session = f.sim.sessionString();
        return List.of(session, session.substring(1, 41), session.substring(100, 140),
                HexFormat.of().formatHex(key, 0, 16), HexFormat.of().formatHex(key, 200, 216),
                Base64.getEncoder().encodeToString(key).substring(0, 24));
    }
}
