package io.groupkit.greenapi.internal;

import java.time.Duration;
import java.util.Optional;

/** What one HTTP exchange with Green-API came to. */
public sealed interface Reply {

    /**
     * The server answered.
     *
     * @param status the HTTP status
     * @param body the body, at most the configured cap
     * @param retryAfter the Retry-After header, when given in seconds
     */
    record Answer(int status, byte[] body, Optional<Duration> retryAfter) implements Reply {
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
