package io.groupkit.http.internal;

import java.time.Duration;
import java.util.Optional;

/** What one HTTP exchange with a provider came to. */
public sealed interface Reply {

    /**
     * What went wrong with an exchange, for a person to act on: where to (host and port only, never
     * a path, which may hold a secret) and why, from the first cause that says.
     *
     * @param cause the failure
     * @param target the request's address
     * @param connectFailed whether the connection itself failed (nothing was sent)
     * @param redact removes secrets from the reason
     * @return such as {@code cannot connect to 127.0.0.1:1: ConnectException (Connection refused)}
     */
    static String problem(Throwable cause, java.net.URI target, boolean connectFailed,
                          java.util.function.UnaryOperator<String> redact) {
        String where = ExchangeFailures.address(target);
        String reason = null;
        for (Throwable t = cause; t != null && reason == null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                reason = t.getMessage();
            }
        }
        return (connectFailed ? "cannot connect to " : "no answer from ") + where + ": " + cause.getClass().getSimpleName()
                + (reason == null ? "" : " (" + redact.apply(reason) + ")");
    }

    /**
     * The server answered.
     *
     * @param status the HTTP status
     * @param body the body, at most the configured cap
     * @param retryAfter the Retry-After header, when given in seconds
     * @param location the Location header, when given
     */
    record Answer(int status, byte[] body, Optional<Duration> retryAfter, Optional<String> location) implements Reply {
        /**
         * An answer without a Location header.
         *
         * @param status the HTTP status
         * @param body the body
         * @param retryAfter the Retry-After header
         */
        public Answer(int status, byte[] body, Optional<Duration> retryAfter) {
            this(status, body, retryAfter, Optional.empty());
        }
    }

    /**
     * The request never reached the provider: connecting failed, or a proxy did not pass it on.
     * It cannot have taken effect.
     *
     * @param failure which cause, and so which outcome and whether a retry can help
     * @param problem what failed, naming host and port, without secrets
     * @param remedy what to do about this cause at this address, when known
     */
    record NotSent(ConnectionFailure failure, String problem, Optional<String> remedy) implements Reply {
        /**
         * A failure before sending that names no particular cause (such as a token store that failed).
         *
         * @param problem what failed, without secrets
         */
        public NotSent(String problem) {
            this(ConnectionFailure.NOT_SENT, problem, Optional.empty());
        }

        /**
         * The outcome of this failure.
         *
         * @param detail the provider's name, a code ({@code failure().name()}) and the redacted problem
         * @return the outcome, with this failure's remedy
         */
        public io.groupkit.core.Failure outcome(io.groupkit.core.ProviderDetail detail) {
            return failure.outcome(remedy.map(detail::withRemedy).orElse(detail));
        }

        @Override
        public String toString() {
            return failure + ": " + problem; // for log lines; the remedy is the outcome's
        }
    }

    /**
     * The request may have been sent, but no complete answer came (timeout, reset, a broken or
     * oversized body). Not safe to resend blindly.
     *
     * @param problem what failed, without secrets
     */
    record Lost(String problem) implements Reply {
        @Override
        public String toString() {
            return "no answer: " + problem;
        }
    }
}
