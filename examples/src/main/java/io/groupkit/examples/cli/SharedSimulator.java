package io.groupkit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupkit.core.Cancellation;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * {@code groupkit simulator start|stop|status}: the four simulators (the Telegram bot's Bot API too), one world, running until
 * Ctrl-C or {@code simulator stop}, so that what one command does (a Telegram login, an add) is
 * there for the next. The state directory holds {@value #STATE} (how to reach each simulator,
 * readable by its owner only; the Telegram data centre's address, key and session), which
 * {@code --simulator} commands read, and {@value #LOGIN_CODE}, the code the Telegram "app" shows.
 */
final class SharedSimulator {
    static final String STATE = "simulator.json";
    static final String LOGIN_CODE = "telegram-login-code";
    private static final String STOP = "stop";
    private static final ObjectMapper JSON = new ObjectMapper();

    private SharedSimulator() {
    }

    /** The state directory: --dir, else $GROUPKIT_SIMULATOR_DIR, else ~/.groupkit/simulator; null without a home. */
    static @Nullable Path dir(@Nullable Path given, Map<String, String> env) {
        if (given != null) {
            return given;
        }
        String set = env.get("GROUPKIT_SIMULATOR_DIR");
        if (set != null && !set.isBlank()) {
            return Path.of(set.strip());
        }
        String home = env.get("HOME");
        return home == null || home.isBlank() ? null : Path.of(home, ".groupkit", "simulator");
    }

    /** The running simulator's state, when the directory says one is up and its process is alive. */
    static Optional<JsonNode> running(@Nullable Path dir) {
        if (dir == null || !Files.isRegularFile(dir.resolve(STATE))) {
            return Optional.empty();
        }
        try {
            JsonNode state = JSON.readTree(Files.readString(dir.resolve(STATE)));
            boolean alive = ProcessHandle.of(state.path("pid").asLong()).map(ProcessHandle::isAlive).orElse(false);
            return alive ? Optional.of(state) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // being written or removed: as if none ran
        }
    }

    /** Runs the simulators in the foreground until cancelled or told to stop. */
    static int start(Path dir, SimulatorWorld world, List<Target> targets, PrintStream out, PrintStream err,
                     Cancellation cancellation) throws Usage {
        if (running(dir).isPresent()) {
            throw new Usage("a simulator already runs with " + dir.resolve(STATE) + ": groupkit simulator stop --dir "
                    + dir + " first");
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("pid", ProcessHandle.current().pid());
        state.put("world", world.source());
        List<AutoCloseable> started = new ArrayList<>();
        TelegramSimulator telegram = null;
        try {
            for (Target t : targets) {
                Target.Shared shared = t.share(world);
                started.add(shared.simulator());
                state.put(t.name(), shared.state());
                out.println("  " + Cli.column(t.name()) + shared.address());
                if (shared.simulator() instanceof TelegramSimulator tg) {
                    telegram = tg;
                }
            }
            Files.createDirectories(dir);
            Files.deleteIfExists(dir.resolve(STOP));
            Files.deleteIfExists(dir.resolve(LOGIN_CODE));
            writePrivate(dir.resolve(STATE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
            out.println("Simulators running (" + world.source() + "); state in " + dir + ". Commands with --simulator use"
                    + " them. Ctrl-C or 'groupkit simulator stop' ends them.");
            out.flush();
            int codes = 0;
            while (!cancellation.isCancelled() && !Files.exists(dir.resolve(STOP))) {
                try {
                    cancellation.whenCancelled().toCompletableFuture().get(50, TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException more) {
                    // look at the stop file and the Telegram app again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    break;
                }
                if (telegram != null) {
                    int sent = (int) telegram.calls().stream().filter("auth.sendCode"::equals).count();
                    Optional<String> code = telegram.lastLoginCode();
                    if (sent > codes && code.isPresent()) {
                        codes = sent;
                        writePrivate(dir.resolve(LOGIN_CODE), sent + " " + code.get() + "\n");
                        err.println("(Telegram app: the login code is " + code.get() + "; the two-step password is \""
                                + LoginCommand.SIMULATED_PASSWORD + "\")");
                    }
                }
            }
            out.println("Simulators stopped.");
            return ExitCodes.DONE;
        } catch (IOException e) {
            err.println("groupkit: cannot write the simulator's state to " + dir + ": " + e.getClass().getSimpleName());
            return ExitCodes.NOT_DONE;
        } finally {
            for (AutoCloseable c : started) {
                try {
                    c.close();
                } catch (Exception e) {
                    // stopping anyway
                }
            }
            for (String f : List.of(STATE, STOP, LOGIN_CODE)) {
                try {
                    Files.deleteIfExists(dir.resolve(f));
                } catch (IOException e) {
                    // a state left behind is ignored once its process is gone
                }
            }
        }
    }

    /** Asks the running simulator to stop, and waits for it (at most 10 s). */
    static int stop(Path dir, PrintStream out, PrintStream err) {
        if (running(dir).isEmpty()) {
            out.println("No simulator runs with " + dir + ".");
            return ExitCodes.DONE;
        }
        try {
            Files.writeString(dir.resolve(STOP), "stop\n");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (Files.exists(dir.resolve(STATE)) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        } catch (IOException e) {
            err.println("groupkit: cannot write to " + dir + ": " + e.getClass().getSimpleName());
            return ExitCodes.NOT_DONE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCodes.INTERRUPTED;
        }
        if (Files.exists(dir.resolve(STATE))) {
            err.println("groupkit: the simulator has not stopped within 10 s; Ctrl-C it where it runs");
            return ExitCodes.NOT_DONE;
        }
        out.println("The simulator stopped.");
        return ExitCodes.DONE;
    }

    static int status(Path dir, PrintStream out) {
        Optional<JsonNode> state = running(dir);
        if (state.isEmpty()) {
            out.println("No simulator runs with " + dir + ": --simulator commands use an embedded one.");
            return ExitCodes.NOT_DONE;
        }
        JsonNode s = state.get();
        out.println("A simulator runs (process " + s.path("pid").asLong() + ", " + s.path("world").asText() + "):");
        String product = s.path("greenapi").path("product").asText("whatsapp");
        out.println("  greenapi " + s.path("greenapi").path("url").asText()
                + (product.equals("whatsapp") ? "" : " (--product " + product + ")"));
        out.println("  bitrix24 " + java.net.URI.create(s.path("bitrix24").path("webhook").asText("http://?")).getAuthority());
        out.println("  telegram " + s.path("telegram").path("host").asText() + ":" + s.path("telegram").path("port").asInt());
        if (s.has("telegram-bot")) {
            out.println("  telegram-bot " + s.path("telegram-bot").path("apiUrl").asText());
        }
        return ExitCodes.DONE;
    }

    /** A code the running simulator's Telegram app showed after {@code seen} codes, waiting up to 5 s for it. */
    static Optional<String> loginCode(Path dir, int seen) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            String[] line = readCode(dir);
            if (line.length == 2 && Integer.parseInt(line[0]) > seen) {
                return Optional.of(line[1]);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return Optional.empty();
    }

    /** How many codes the running simulator's app has shown so far. */
    static int codesShown(Path dir) {
        String[] line = readCode(dir);
        return line.length == 2 ? Integer.parseInt(line[0]) : 0;
    }

    private static String[] readCode(Path dir) {
        try {
            String text = Files.readString(dir.resolve(LOGIN_CODE)).strip();
            return text.matches("[0-9]+ [0-9]+") ? text.split(" ") : new String[0];
        } catch (IOException e) {
            return new String[0];
        }
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Path temp = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temp);
        }
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
