package io.groupkit.core.internal;

import java.time.Duration;
import java.util.Optional;

/** What one HTTP exchange with a provider came to. */
public sealed interface Reply {

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
     * The request never left: connecting failed. Safe to send again.
     *
     * @param problem what failed, without secrets
     */
    record NotSent(String problem) implements Reply {
    }

    /**
     * The request may have been sent, but no complete answer came (timeout, reset, a broken or
     * oversized body). Not safe to resend blindly.
     *
     * @param problem what failed, without secrets
     */
    record Lost(String problem) implements Reply {
    }
}
