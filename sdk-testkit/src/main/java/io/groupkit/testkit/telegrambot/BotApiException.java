package io.groupkit.testkit.telegrambot;

import org.jspecify.annotations.Nullable;

/** An answer {@code ok:false}: thrown inside the simulator, written as the Bot API writes errors. */
final class BotApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int code;
    final String description;
    final @Nullable Long migrateToChatId;
    final int retryAfter;

    BotApiException(int code, String description, @Nullable Long migrateToChatId, int retryAfter) {
        super(description, null, false, false); // control flow, not a failure: no stack trace
        this.code = code;
        this.description = description;
        this.migrateToChatId = migrateToChatId;
        this.retryAfter = retryAfter;
    }

    static BotApiException badRequest(String what) {
        return new BotApiException(400, "Bad Request: " + what, null, 0);
    }

    static BotApiException forbidden(String what) {
        return new BotApiException(403, "Forbidden: " + what, null, 0);
    }

    static BotApiException conflict(String what) {
        return new BotApiException(409, "Conflict: " + what, null, 0);
    }

    static BotApiException tooManyRequests(int retryAfter) {
        return new BotApiException(429, "Too Many Requests: retry after " + retryAfter, null, retryAfter);
    }
}
