package io.groupkit.core.spi;

import io.groupkit.core.time.TimeSource;
import java.util.concurrent.CompletionStage;

/**
 * What GroupKit gives a provider for one attempt: the attempt's number, the client's time source,
 * and pacing for any extra calls the provider makes (such as diagnosis look-ups).
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
     * account), for calls the provider makes beyond the operation itself.
     *
     * @param limit the limit
     * @return a stage that completes when the call may go
     */
    CompletionStage<Void> pace(io.groupkit.core.policy.RateLimit limit);

    /**
     * Whether this attempt runs on the thread of a synchronous caller ({@code add}, not
     * {@code addAsync}) that waits for its answer anyway. A provider may then make its exchange
     * blocking, right here: the JDK's blocking {@code HttpClient.send} costs far less than
     * {@code sendAsync} and a hand-over back to the waiting thread. Anywhere else (an async call,
     * a bulk run, an attempt that followed a wait) it must not block. The attempt timeout still
     * holds: it interrupts the blocked thread.
     *
     * @return true only on a waiting caller's own thread; false by default
     */
    default boolean callerWaits() {
        return false;
    }
}
