package io.groupkit.examples.cli;

import static io.groupkit.examples.cli.Runs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupkit.core.Cancellation;
import io.groupkit.testkit.telegrambot.BotApiSimulator;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code groupkit telegram-bot ...}: the embedded world, a real-looking server by its token, and a watch of a running one. */
class TelegramBotCliTest {
    /** A supergroup of the built-in world: member 200, a join request of 202. */
    private static final String GROUP = "-1003000000001";
    private static final Pattern LINK = Pattern.compile("invite link: (\\S+)");

    @TempDir
    Path dir;

    @Test
    void onTheEmbeddedSimulatorAnAddGivesAPersonalLinkAndWhatABotCannotDoSaysSo() {
        Runs add = run("telegram-bot", "add", GROUP, "203", "--simulator");
        assertEquals(1, add.code(), add.toString());
        assertTrue(add.out().contains("BOT_CANNOT_ADD") && LINK.matcher(add.out()).find(), add.toString());

        assertEquals(0, run("telegram-bot", "remove", GROUP, "200", "--simulator").code());
        Runs link = run("telegram-bot", "invite-link", GROUP, "203", "--simulator", "--json");
        assertEquals(0, link.code(), link.toString());
        assertEquals(1, link.summary().get("usageLimit").asInt(), link.toString());
        assertEquals(0, run("telegram-bot", "requests", GROUP, "approve", "202", "--simulator").code());
        assertEquals(0, run("telegram-bot", "check", "--simulator").code());

        for (String[] cannot : new String[][] {{"members", GROUP}, {"groups"}, {"requests", GROUP}}) {
            String[] args = new String[cannot.length + 2];
            args[0] = "telegram-bot";
            System.arraycopy(cannot, 0, args, 1, cannot.length);
            args[args.length - 1] = "--simulator";
            Runs r = run(args);
            assertEquals(1, r.code(), r.toString());
            assertTrue(r.out().startsWith("UNSUPPORTED") && r.err().contains("a Telegram bot cannot "), r.toString());
        }
        Runs byName = run("telegram-bot", "add", GROUP, "@grace", "--simulator");
        assertEquals(2, byName.code());
        assertTrue(byName.err().contains("a bot names people by user id only"), byName.toString());
        assertEquals(2, run("telegram-bot", "login", "+491515552000", "s.session").code());
        assertEquals(2, run("telegram-bot", "add", "chat:5001", "203", "--simulator").code());
        assertEquals(2, run("telegram", "check", "--simulator", "--api-url", "http://127.0.0.1:9").code());
    }

    @Test
    void theTokenComesFromTheEnvironmentAndIsNeverPrinted() {
        try (BotApiSimulator server = BotApiSimulator.start()) {
            String token = server.token();
            Runs ok = run(Map.of("TELEGRAM_BOT_TOKEN", token), "telegram-bot", "check", "--api-url", server.apiUrl());
            assertEquals(0, ok.code(), ok.toString());
            Runs byEnv = run(Map.of("TELEGRAM_BOT_TOKEN", token, "TELEGRAM_BOT_API_URL", server.apiUrl()),
                    "telegram-bot", "check", "--json");
            assertEquals("AUTHORIZED", byEnv.summary().get("state").asText(), byEnv.toString());
            String other = server.botId() + ":" + "X".repeat(35);
            Runs wrong = run(Map.of("TELEGRAM_BOT_TOKEN", other), "telegram-bot", "check", "--api-url", server.apiUrl());
            assertEquals(3, wrong.code(), wrong.toString());
            Runs malformed = run(Map.of("TELEGRAM_BOT_TOKEN", "12345:shortSecret"), "telegram-bot", "check");
            assertEquals(3, malformed.code(), malformed.toString());
            assertEquals(3, run("telegram-bot", "check").code(), "no token");
            for (Runs r : new Runs[] {ok, byEnv, wrong, malformed}) {
                String secret = token.substring(token.indexOf(':') + 1);
                assertFalse(r.toString().contains(secret) || r.toString().contains("XXXXXXXXXX")
                        || r.toString().contains("shortSecret"), r.toString());
            }
        }
    }

    @Test
    void aWatchOfTheRunningSimulatorSeesAJoinByTheLinkAnAddGaveAndAnApproval() throws Exception {
        try (BotApiSimulator sim = BotApiSimulator.start()) {
            sim.user(300, "olga").user(301, null).supergroup(-1003000000001L, 300).requestToJoin(-1003000000001L, 301);
            Path simDir = dir.resolve("simulator");
            Files.createDirectories(simDir);
            Files.writeString(simDir.resolve(SharedSimulator.STATE), new ObjectMapper().writeValueAsString(Map.of("pid",
                    ProcessHandle.current().pid(), "world", "test", "telegram-bot", Map.of("apiUrl", sim.apiUrl(),
                            "token", sim.token()))));
            Map<String, String> env = Map.of("GROUPKIT_SIMULATOR_DIR", simDir.toString());
            String state = dir.resolve("state").toString();
            Runs add = run(env, "telegram-bot", "add", GROUP, "302", "--simulator", "--state", state);
            Matcher link = LINK.matcher(add.out());
            assertTrue(link.find(), add.toString());
            Runs before = run(env, "telegram-bot", "invitations", GROUP, "--simulator", "--state", state);
            assertTrue(before.out().startsWith("1 invitation to " + GROUP + ": 0 joined, 1 pending"), before.toString());

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Cancellation ctrlC = new Cancellation();
            CompletableFuture<Integer> watch = CompletableFuture.supplyAsync(() -> Cli.run(new String[] {"telegram-bot", "watch",
                GROUP, "--simulator", "--state", state, "--interval", "100ms"}, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(OutputStream.nullOutputStream()), ctrlC, p -> { }, false),
                    r -> new Thread(r, "groupkit-cli-under-test").start());
            // The watch starts from now: the changes come after its first read (a bound against a hang, not a timing).
            long bound = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!sim.calls().contains("getUpdates") && System.nanoTime() < bound) {
                Thread.onSpinWait();
            }
            assertEquals(java.util.Optional.empty(), sim.joinByLink(link.group(1), 302));
            Runs approve = run(env, "telegram-bot", "requests", GROUP, "approve", "301", "--simulator");
            assertEquals(0, approve.code(), approve.toString());
            while (out.toString(StandardCharsets.UTF_8).lines().count() < 2 && System.nanoTime() < bound) {
                Thread.onSpinWait();
            }
            ctrlC.cancel();
            assertEquals(0, watch.get(30, TimeUnit.SECONDS));
            String printed = out.toString(StandardCharsets.UTF_8);
            assertEquals(2, printed.lines().count(), printed);
            assertTrue(printed.lines().anyMatch(l -> l.startsWith("JOINED") && l.contains("302")
                    && l.contains("joined by invitation after ")), printed);
            assertTrue(printed.lines().anyMatch(l -> l.startsWith("JOINED") && l.contains("301")), printed);
            Runs after = run(env, "telegram-bot", "invitations", GROUP, "--simulator", "--state", state);
            assertTrue(after.out().startsWith("1 invitation to " + GROUP + ": 1 joined, 0 pending"), after.toString());
        }
    }
}
