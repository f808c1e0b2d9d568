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
        return (R) lost(op, cause);
    }

    private Indeterminate lost(String op, Throwable cause) {
        if (cause instanceof TimeoutException) {
            return new Indeterminate(detail("ATTEMPT_TIMEOUT", op + " got " + cause.getMessage() + "; it may have been sent"));
        }
        return new Indeterminate(detail("CONNECTOR_FAILURE",
                op + " failed in the connector with " + cause.getClass().getName() + "; it may have been sent"));
    }

    /** A read whose attempt failed or ran out of time: nothing changed, it may be tried again. */
    Unavailable failedRead(String op, Throwable cause) {
        if (cause instanceof Attempts.NotSent) {
            return notSent(op, cause);
        }
        if (cause instanceof TimeoutException) {
            return new Unavailable(detail("ATTEMPT_TIMEOUT", op + " got " + cause.getMessage()));
        }
        return new Unavailable(detail("CONNECTOR_FAILURE", op + " failed in the connector with " + cause.getClass().getName()));
    }

    private Unavailable notSent(String op, Throwable cause) {
        return new Unavailable(detail("RATE_LIMITER_UNAVAILABLE", op + " was not sent: the rate limiter could not say when it"
                + " may go (" + cause.getCause().getClass().getName() + ")").withRemedy("Check the rate limiter's store"
                + " (Redis, PostgreSQL); GroupKit sends nothing unpaced, and retries once it answers again."));
    }

    Unsupported unsupported(Operation op) {
        return new Unsupported(detail("UNSUPPORTED", provider + " has no " + op + " operation"));
    }
}
