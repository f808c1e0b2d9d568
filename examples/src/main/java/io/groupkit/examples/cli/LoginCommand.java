package io.groupkit.examples.cli;

import io.groupkit.telegram.TelegramLogin;
import io.groupkit.telegram.TelegramSession;
import io.groupkit.telegram.TelegramSetupException;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * {@code groupkit telegram login <phone> <session-file>}: makes a new auth key, logs the account in
 * (the code from the app, the two-step password when the account has one, neither echoed nor
 * logged) and saves the session to a file only its owner can read.
 */
final class LoginCommand {
    /** The simulator's two-step password, shown on its "app" so that the demo can be followed. */
    static final String SIMULATED_PASSWORD = "groupkit-demo";
    private static final int SIMULATED_API_ID = 271_828;
    private static final String SIMULATED_API_HASH = "5ca1ab1e5ca1ab1e5ca1ab1e5ca1ab1e";

    private final PrintStream out;
    private final PrintStream err;
    private final Keyboard keyboard;

    LoginCommand(PrintStream out, PrintStream err, Keyboard keyboard) {
        this.out = out;
        this.err = err;
        this.keyboard = keyboard;
    }

    int run(String phone, Path file, boolean simulator, Map<String, String> env, String where,
            com.fasterxml.jackson.databind.@org.jspecify.annotations.Nullable JsonNode running,
            @org.jspecify.annotations.Nullable Path dir) throws Usage {
        if (Files.exists(file)) {
            throw new Usage(file + " exists: give a new file for the session (or remove the old one)");
        }
        if (!phone.replaceAll("[\\s().-]", "").matches("\\+?[0-9]{7,15}")) {
            throw new Usage("expected an international phone number such as +15551234567, got something else");
        }
        if (simulator && running != null && dir != null) {
            // The running simulator (groupkit simulator start): the session made here outlives this command.
            String host = running.path("host").asText("127.0.0.1");
            int port = running.path("port").asInt();
            err.println("(on the running Telegram simulator at " + host + ":" + port + ": its account's number is +"
                    + "15550000000, and its app shows the codes it sends)");
            int seen = SharedSimulator.codesShown(dir);
            TelegramLogin login = TelegramLogin.builder(SIMULATED_API_ID, SIMULATED_API_HASH)
                    .dataCentre(running.path("dc").asInt(2), host, port).trustRsaKey(running.path("rsaPublicKey").asText())
                    .build();
            return login(login, "+15550000000", file, new Prompts(true, () -> SharedSimulator.loginCode(dir, seen)));
        }
        if (simulator) {
            try (TelegramSimulator sim = TelegramSimulator.start()) {
                sim.twoStepPassword(SIMULATED_PASSWORD);
                err.println("(on the embedded Telegram simulator: its account's number is +" + sim.loginPhone()
                        + ", and its app shows the codes it sends)");
                TelegramLogin login = TelegramLogin.builder(SIMULATED_API_ID, SIMULATED_API_HASH)
                        .dataCentre(2, "127.0.0.1", sim.port()).trustRsaKey(sim.rsaPublicKeyPem()).build();
                return login(login, "+" + sim.loginPhone(), file, new Prompts(true, sim::lastLoginCode));
            }
        }
        String id = env.get("TELEGRAM_API_ID");
        String hash = env.get("TELEGRAM_API_HASH");
        if (id == null || hash == null || !id.strip().matches("[0-9]{1,10}")) {
            err.println("groupkit: login needs TELEGRAM_API_ID and TELEGRAM_API_HASH (from my.telegram.org) in " + where
                    + " (the environment or a --config file, never the command line)");
            return ExitCodes.CREDENTIALS;
        }
        TelegramLogin login;
        try {
            login = TelegramLogin.builder(Integer.parseInt(id.strip()), hash.strip()).build();
        } catch (IllegalArgumentException e) {
            err.println("groupkit: " + e.getMessage());
            return ExitCodes.CREDENTIALS;
        }
        return login(login, phone, file, new Prompts(false, java.util.Optional::empty));
    }

    private int login(TelegramLogin login, String phone, Path file, Prompts prompts) {
        TelegramSession session;
        try {
            session = login.login(phone, prompts);
        } catch (TelegramSetupException e) {
            err.println("groupkit: " + e.getMessage());
            return ExitCodes.NOT_DONE;
        } catch (IllegalStateException e) { // no more input
            err.println();
            err.println("groupkit: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, session.save() + "\n", StandardCharsets.UTF_8);
        } catch (FileAlreadyExistsException e) {
            err.println("groupkit: " + file + " appeared meanwhile; the session was not saved");
            return ExitCodes.NOT_DONE;
        } catch (IOException | UnsupportedOperationException e) {
            err.println("groupkit: the session could not be saved to " + file + " (" + e.getClass().getSimpleName() + ")");
            return ExitCodes.NOT_DONE;
        }
        out.println("Logged in as user " + session.userId().orElseThrow() + " on data centre " + session.dcId()
                + "; the session is in " + file + " (readable by you only).");
        out.println("Use it: TELEGRAM_SESSION=file:" + file + " TELEGRAM_API_ID=... groupkit telegram add ..."
                + " (file: keeps a session Telegram moves to another data centre)");
        return ExitCodes.DONE;
    }

    /** The questions, asked at the keyboard; on the simulator its "app" shows the code and the password. */
    private final class Prompts implements TelegramLogin.Prompts {
        private final boolean simulated;
        private final java.util.function.Supplier<java.util.Optional<String>> shownCode;

        Prompts(boolean simulated, java.util.function.Supplier<java.util.Optional<String>> shownCode) {
            this.simulated = simulated;
            this.shownCode = shownCode;
        }

        @Override
        public String code(TelegramLogin.CodeRequest request) {
            if (simulated) {
                err.println("(the simulator's app shows the code " + shownCode.get().orElse("?") + ")");
            }
            String line = keyboard.line((request.attempt() > 1 ? "That code was wrong. " : "") + "Login code (sent via "
                    + request.via() + (request.length() > 0 ? ", " + request.length() + " digits" : "") + "): ");
            if (line == null) {
                throw new IllegalStateException("no login code was typed");
            }
            return line;
        }

        @Override
        public char[] password(String hint) {
            if (simulated) {
                err.println("(the simulator's account has the two-step password \"" + SIMULATED_PASSWORD + "\")");
            }
            char[] secret = keyboard.secret("Two-step verification password" + (hint.isEmpty() ? "" : " (hint: " + hint + ")")
                    + ": ");
            if (secret == null) {
                throw new IllegalStateException("no password was typed");
            }
            return secret;
        }
    }
}
