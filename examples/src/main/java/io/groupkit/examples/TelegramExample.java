package io.groupkit.examples;

import io.groupkit.core.AddResult;
import io.groupkit.core.Member;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.telegram.Telegram;
import io.groupkit.telegram.TelegramClient;
import io.groupkit.telegram.TelegramGroup;
import io.groupkit.telegram.TelegramSession;

/**
 * Adds a person to a supergroup with a session read from the environment ({@code TELEGRAM_SESSION},
 * {@code TELEGRAM_API_ID}), never the command line. Make the session once, in Java, with
 * {@code groupkit telegram login <phone> telegram.session} (or {@link io.groupkit.telegram.TelegramLogin}),
 * then {@code TELEGRAM_SESSION="$(cat telegram.session)"}; a Telethon or Pyrogram string works too.
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
        String session = System.getenv("TELEGRAM_SESSION");
        String apiId = System.getenv("TELEGRAM_API_ID");
        if (args.length != 3 || session == null || apiId == null) {
            System.err.println("usage: TELEGRAM_SESSION=<session: groupkit telegram login, or Telethon> TELEGRAM_API_ID=<api_id>"
                    + " TelegramExample <channel id> <access hash> <username>");
            System.exit(2);
        }
        try (TelegramClient telegram = Telegram.builder().session(TelegramSession.parse(session))
                .apiId(Integer.parseInt(apiId)).build()) {
            TelegramGroup group = TelegramGroup.supergroup(Long.parseLong(args[0]), Long.parseLong(args[1]));
            System.out.println(describe(telegram.add(group, Member.username(args[2]))));
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
