package io.groupkit.telegram;

/**
 * A setup step with Telegram (making an auth key, logging in) did not succeed: the message says
 * why (a server that could not be reached, an answer that failed a check, a refusal) and never
 * quotes a key, a code, a password or a session.
 */
public final class TelegramSetupException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * An exception.
     *
     * @param message what went wrong
     */
    public TelegramSetupException(String message) {
        super(message);
    }
}
