package io.groupkit.examples.cli;

import static io.groupkit.examples.cli.Runs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.Cancellation;
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

/** {@code groupkit simulator start}: a simulator that outlives one command, so a Telegram login can be used. */
class SharedSimulatorTest {
    @TempDir
    Path dir;

    /** Output that tells when a line holding some text was printed. */
    private static final class Watched extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<Void> ready = new CompletableFuture<>();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            if (b == '\n' && bytes.toString(StandardCharsets.UTF_8).contains("Simulators running")) {
                ready.complete(null);
            }
        }
    }

    @Test
    void aLoginOnTheRunningSimulatorIsUsedByTheNextCommands() throws Exception {
        Path state = dir.resolve("state");
        Map<String, String> env = Map.of("GROUPKIT_SIMULATOR_DIR", state.toString());
        Watched out = new Watched();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Cancellation ctrlC = new Cancellation();
        CompletableFuture<Integer> simulator = CompletableFuture.supplyAsync(() -> Cli.run(new String[] {"simulator", "start"},
                env, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                ctrlC, p -> { }, false));
        try {
            out.ready.get(10, TimeUnit.SECONDS);
            assertTrue(Files.exists(state.resolve(SharedSimulator.STATE)));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(state.resolve(SharedSimulator.STATE))));
            assertFalse(out.bytes.toString(StandardCharsets.UTF_8).contains("simulator-token"), "no token in the output");
            assertEquals(0, run(env, "simulator", "status").code());
            assertEquals(2, run(env, "simulator", "start").code(), "one per state directory");

            // The login: the code is the one the running simulator's app showed.
            Path session = dir.resolve("telegram.session");
            ByteArrayOutputStream loginErr = new ByteArrayOutputStream();
            Keyboard keyboard = new Keyboard() {
                @Override
                public String line(String prompt) {
                    Matcher m = Pattern.compile("app shows the code (\\d+)").matcher(loginErr.toString(StandardCharsets.UTF_8));
                    return m.find() ? m.group(1) : null;
                }

                @Override
                public char[] secret(String prompt) {
                    return LoginCommand.SIMULATED_PASSWORD.toCharArray();
                }
            };
            ByteArrayOutputStream loginOut = new ByteArrayOutputStream();
            int login = Cli.run(new String[] {"telegram", "login", "+15550000000", session.toString(), "--simulator"}, env,
                    new PrintStream(loginOut, true, StandardCharsets.UTF_8), new PrintStream(loginErr, true, StandardCharsets.UTF_8),
                    new Cancellation(), false, keyboard);
            assertEquals(0, login, loginOut + "\n" + loginErr);
            assertTrue(loginErr.toString(StandardCharsets.UTF_8).contains("on the running Telegram simulator"), loginErr.toString());

            // The session it saved, on the same simulator, in the next commands.
            Map<String, String> withSession = Map.of("GROUPKIT_SIMULATOR_DIR", state.toString(), "TELEGRAM_SESSION",
                    "file:" + session);
            Runs groups = run(withSession, "telegram", "groups", "--simulator");
            assertEquals(0, groups.code(), groups.toString());
            assertTrue(groups.out().startsWith("2 groups") && groups.out().contains("Support team"), groups.toString());
            assertTrue(groups.err().contains("on the running telegram simulator"), groups.err());
            Runs add = run(withSession, "telegram", "add", "chat:5001", "@alice", "--simulator");
            assertEquals(0, add.code(), add.toString());
            assertTrue(add.out().startsWith("ADDED"), add.out());
            Runs again = run(withSession, "telegram", "add", "chat:5001", "@alice", "--simulator");
            assertTrue(again.out().startsWith("ALREADY_MEMBER"), "the simulator kept the add: " + again);
            Runs wa = run(env, "greenapi", "add", "120363000000000102@g.us", "+7 901 000-00-09", "--simulator");
            assertTrue(wa.out().startsWith("ADDED"), wa.toString());
            Runs waAgain = run(env, "greenapi", "add", "120363000000000102@g.us", "+7 901 000-00-09", "--simulator");
            assertTrue(waAgain.out().startsWith("ALREADY_MEMBER"), waAgain.toString());

            assertEquals(0, run(env, "simulator", "stop").code());
            assertEquals(0, simulator.get(10, TimeUnit.SECONDS));
            assertFalse(Files.exists(state.resolve(SharedSimulator.STATE)), "the state is removed when it stops");
            Runs after = run(env, "greenapi", "add", "120363000000000102@g.us", "+7 901 000-00-09", "--simulator");
            assertTrue(after.out().startsWith("ADDED") && after.err().contains("embedded"), "an embedded one again: " + after);
        } finally {
            ctrlC.cancel();
            simulator.get(10, TimeUnit.SECONDS);
        }
    }
}
