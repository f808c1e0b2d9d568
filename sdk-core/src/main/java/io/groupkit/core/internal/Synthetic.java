package io.groupkit.core.internal;

import io.groupkit.core.Indeterminate;
import io.groupkit.core.Outcome;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unsupported;
import io.groupkit.core.spi.Operation;
import java.util.concurrent.TimeoutException;

/**
 * The outcomes GroupKit makes itself for one provider (a failed attempt, a missing capability),
 * stamped with the provider's name like every answer the provider gives.
 */
final class Synthetic {
    static final String LIMITER_DOWN = "RATE_LIMITER_UNAVAILABLE";
    private static final String LIMITER_REMEDY = "Check the rate limiter's store (Redis, PostgreSQL): GroupKit sends"
            + " nothing unpaced.";

    private final String provider;

    Synthetic(String provider) {
        this.provider = provider;
    }

    ProviderDetail detail(String code, String description) {
        return ProviderDetail.of(provider, code).withDescription(description);
    }

    /**
     * A change whose attempt failed or ran out of time: it may have been sent. One that never
     * went out (the rate limiter could not say when) is Unavailable: nothing was sent.
     */
    @SuppressWarnings("unchecked") // both outcomes are every kind of write result
    <R extends Outcome> R failedWrite(String op, Throwable cause) {
        if (cause instanceof Attempts.NotSent) {
            return (R) notSent(op, cause);
        }
        if (cause instanceof Attempts.LimiterUnavailable) {
            // A look-up of the provider's within the attempt, after the change itself may have gone out.
            return (R) new Indeterminate(detail(LIMITER_DOWN, op + ": " + cause.getMessage() + " during the attempt; it may"
                    + " have been sent").withRemedy(LIMITER_REMEDY + " List the group's members to see whether it took"
                    + " effect before sending it again."));
        }
        return (R) lost(op, cause);
    }

    /** Whether an outcome says the rate limiter's store is down (not retried within a call; stops bulk work). */
    static boolean limiterDown(Outcome o) {
        return LIMITER_DOWN.equals(o.detail().code());
    }

    private Indeterminate lost(String op, Throwable cause) {
        if (cause instanceof TimeoutException) {
            return new Indeterminate(detail("ATTEMPT_TIMEOUT", op + " got " + cause.getMessage() + "; it may have been sent"));
        }
        return new Indeterminate(detail("CONNECTOR_FAILURE",
                op + " failed in the provider with " + cause.getClass().getName() + "; it may have been sent"));
    }

    /** A read whose attempt failed or ran out of time: nothing changed, it may be tried again. */
    Unavailable failedRead(String op, Throwable cause) {
        if (cause instanceof Attempts.NotSent || cause instanceof Attempts.LimiterUnavailable) {
            return notSent(op, cause);
        }
        if (cause instanceof TimeoutException) {
            return new Unavailable(detail("ATTEMPT_TIMEOUT", op + " got " + cause.getMessage()));
        }
        return new Unavailable(detail("CONNECTOR_FAILURE", op + " failed in the provider with " + cause.getClass().getName()));
    }

    private Unavailable notSent(String op, Throwable cause) {
        return new Unavailable(detail(LIMITER_DOWN, op + " was not sent: " + cause.getMessage()).withRemedy(LIMITER_REMEDY
                + " Try again once it answers."));
    }

    Unsupported unsupported(Operation op) {
        return new Unsupported(detail("UNSUPPORTED", provider + " has no " + op + " operation"));
    }
}
