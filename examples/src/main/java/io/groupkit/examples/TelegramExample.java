package io.groupkit.examples;

import io.groupkit.core.AddResult;
import io.groupkit.core.Member;
import io.groupkit.core.Members;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.telegram.SessionStore;
import io.groupkit.telegram.Telegram;
import io.groupkit.telegram.TelegramClient;
import io.groupkit.telegram.TelegramGroup;
import io.groupkit.telegram.TelegramSession;
import java.nio.file.Path;

/**
 * The path a Java-only team takes, no Python anywhere: log in once with
 * {@code groupkit telegram login <phone> telegram.session} (or {@link io.groupkit.telegram.TelegramLogin}:
 * a new auth key, the code, the two-step password), then run this with the session file
 * ({@code TELEGRAM_SESSION_FILE}) and the api_id ({@code TELEGRAM_API_ID}). The file is a
 * {@link SessionStore}: when Telegram moves the account to another data centre, the moved session
 * is written back to it. {@code TELEGRAM_SESSION} (the session string itself, or a Telethon or
 * Pyrogram string) works instead of the file. Secrets come from the environment, never the
 * command line.
 *
 * <pre>{@code java -cp ... io.groupkit.examples.TelegramExample <channel id> <access hash> <username>}</pre>
 */
public final class TelegramExample {
    private TelegramExample() {
    }

    /**
     * Runs the example.
     *
     * @param args the supergroup's channel id and access hash, and the person's username
     */
    public static void main(String[] args) {
        String file = System.getenv("TELEGRAM_SESSION_FILE");
        String session = System.getenv("TELEGRAM_SESSION");
        String apiId = System.getenv("TELEGRAM_API_ID");
        if (args.length != 3 || (file == null && session == null) || apiId == null) {
            System.err.println("usage: TELEGRAM_SESSION_FILE=<file from groupkit telegram login> (or TELEGRAM_SESSION=<string>)"
                    + " TELEGRAM_API_ID=<api_id> TelegramExample <channel id> <access hash> <username>");
            System.exit(2);
        }
        Telegram.Builder builder = Telegram.builder().apiId(Integer.parseInt(apiId));
        if (file != null) {
            builder.sessionStore(SessionStore.file(Path.of(file)));
        } else {
            builder.session(TelegramSession.parse(session));
        }
        try (TelegramClient telegram = builder.build()) {
            TelegramGroup group = TelegramGroup.supergroup(Long.parseLong(args[0]), Long.parseLong(args[1]));
            System.out.println(describe(telegram.add(group, Member.username(args[2]))));
            if (telegram.members(group) instanceof Members m) {
                System.out.println(m.members().size() + " members listed");
            }
        }
    }

    /**
     * One line about an outcome.
     *
     * @param r the outcome
     * @return the line
     */
    static String describe(AddResult r) {
        if (r instanceof PrivacyRestricted p) {
            return "their privacy settings refuse it" + (p.premiumWouldAllowInvite() ? " (a Premium account could add them)" : "")
                    + ": " + p.remedy();
        }
        return r.isSuccess() ? "in the group" : r.kind() + ": " + r.remedy();
    }
}
