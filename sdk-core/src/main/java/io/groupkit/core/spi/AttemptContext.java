package io.groupkit.core.spi;

import io.groupkit.core.time.TimeSource;
import java.util.concurrent.CompletionStage;

/**
 * What GroupKit gives a connector for one attempt: the attempt's number, the client's time source,
 * and pacing for any extra calls the connector makes (such as diagnosis look-ups).
 */
public interface AttemptContext {

    /**
     * This attempt's number.
     *
     * @return 1 for the first attempt
     */
    int attempt();

    /**
     * The client's time source; use it for every wait and every cache expiry.
     *
     * @return the time source
     */
    TimeSource time();

    /**
     * Waits for a permit of the given limit on the client's rate limiter (keyed by the provider's
     * account), for calls the connector makes beyond the operation itself.
     *
     * @param limit the limit
     * @return a stage that completes when the call may go
     */
    CompletionStage<Void> pace(io.groupkit.core.policy.RateLimit limit);
}
