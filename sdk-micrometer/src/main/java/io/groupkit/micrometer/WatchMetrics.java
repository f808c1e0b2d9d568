package io.groupkit.micrometer;

import io.groupkit.core.GroupRef;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.WatchListener;
import io.groupkit.core.events.WatchProblem;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records what a {@link io.groupkit.core.events.MembershipWatch} does in a Micrometer registry:
 * set it with {@code client.watch()...listener(WatchMetrics.of(registry, "orders"))}.
 *
 * <p>Meters (every one tagged {@code watch}, the name you give; never a group id, which may hold a
 * phone number):
 * <ul>
 *   <li>{@code groupkit.watch.events} counter of events delivered, by {@code kind} ({@code JOINED},
 *       {@code LEFT}, ...), {@code source} ({@code PUSHED}, {@code OBSERVED}) and {@code invitation}
 *       (true for a join by invitation);</li>
 *   <li>{@code groupkit.watch.listing} timer of listings, pacing included, with
 *       {@code groupkit.watch.changes} counter of the changes they showed;</li>
 *   <li>{@code groupkit.watch.problems} counter, by {@code kind} ({@link WatchProblem.Kind});</li>
 *   <li>{@code groupkit.watch.leases} counter, by {@code change} ({@code taken}, {@code lost});</li>
 *   <li>{@code groupkit.watch.pause} gauge, the pause between listings in seconds.</li>
 * </ul>
 * Thread-safe; use one per watch.
 */
public final class WatchMetrics implements WatchListener {
    private final MeterRegistry registry;
    private final String watch;
    private final AtomicLong pauseMillis = new AtomicLong();

    private WatchMetrics(MeterRegistry registry, String watch) {
        this.registry = registry;
        this.watch = watch;
        registry.gauge("groupkit.watch.pause", io.micrometer.core.instrument.Tags.of("watch", watch), pauseMillis,
                p -> p.get() / 1000.0);
    }

    /**
     * Metrics of one watch.
     *
     * @param registry where the meters go
     * @param watch a name for the watch in tags, such as {@code orders}
     * @return the listener
     */
    public static WatchMetrics of(MeterRegistry registry, String watch) {
        Objects.requireNonNull(registry, "registry must not be null");
        Objects.requireNonNull(watch, "watch must not be null");
        return new WatchMetrics(registry, watch);
    }

    @Override
    public void listed(GroupRef group, int members, int events, Duration took) {
        registry.timer("groupkit.watch.listing", "watch", watch).record(took);
        registry.counter("groupkit.watch.changes", "watch", watch).increment(events);
    }

    @Override
    public void delivered(MembershipEvent event) {
        boolean invited = event instanceof io.groupkit.core.events.Joined j && j.byInvitation();
        registry.counter("groupkit.watch.events", "watch", watch, "kind", event.kind().name(), "source",
                event.source().name(), "invitation", Boolean.toString(invited)).increment();
    }

    @Override
    public void problem(WatchProblem problem) {
        registry.counter("groupkit.watch.problems", "watch", watch, "kind", problem.kind().name()).increment();
    }

    @Override
    public void leaseTaken(GroupRef group) {
        registry.counter("groupkit.watch.leases", "watch", watch, "change", "taken").increment();
    }

    @Override
    public void leaseLost(GroupRef group) {
        registry.counter("groupkit.watch.leases", "watch", watch, "change", "lost").increment();
    }

    @Override
    public void paceChanged(Duration pause) {
        pauseMillis.set(pause.toMillis());
    }

    @Override
    public String toString() {
        return "WatchMetrics[" + watch + "]";
    }
}
