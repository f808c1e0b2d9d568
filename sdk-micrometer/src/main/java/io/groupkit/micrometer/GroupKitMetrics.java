package io.groupkit.micrometer;

import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupKitListener;
import io.groupkit.core.LinkFallback;
import io.groupkit.core.Outcome;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.spi.MembershipCheck;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records what GroupKit does in a Micrometer {@link MeterRegistry}, and, with an
 * {@link ObservationRegistry}, one observation per call (a span, with Micrometer Tracing).
 *
 * <pre>{@code
 * GroupKitMetrics metrics = GroupKitMetrics.builder(meterRegistry).observations(observationRegistry).build();
 * GreenApiClient whatsapp = GreenApi.builder()...policies(Policies.builder().listener(metrics).build()).build();
 * }</pre>
 *
 * <p>Meters (every one tagged {@code provider}):
 * <ul>
 *   <li>{@code groupkit.calls} counter and {@code groupkit.call.duration} timer, by {@code operation}
 *       and {@code outcome} (the {@link OutcomeKind}, such as {@code ADDED} or {@code RATE_LIMITED}),
 *       with {@code success} true or false; {@code groupkit.calls.dropped} for bulk calls never sent;</li>
 *   <li>{@code groupkit.attempt.duration} timer, by {@code operation} and {@code outcome};</li>
 *   <li>{@code groupkit.pacing.wait} timer, by {@code limit} (the provider's rate limit);</li>
 *   <li>{@code groupkit.retries} counter, by {@code operation} and {@code reason} (the retried outcome);</li>
 *   <li>{@code groupkit.settlements} counter of lost answers settled, by {@code operation},
 *       {@code found} ({@code PRESENT}, {@code ABSENT}, {@code UNKNOWN}) and {@code outcome};</li>
 *   <li>{@code groupkit.fallbacks} counter of invite links attached to refusals, by {@code sent};</li>
 *   <li>{@code groupkit.bulk.recorded} counter, one per outcome a bulk run records as it goes (its
 *       progress); {@code groupkit.bulk.outcomes} counter of each ended run's people by {@code outcome}
 *       ({@code NOT_ATTEMPTED} for those never sent) and {@code groupkit.bulk.runs} by {@code ended}
 *       ({@code completed}, {@code stopped}, {@code cancelled}).</li>
 * </ul>
 * Thread-safe; one instance may serve every client.
 */
public final class GroupKitMetrics implements GroupKitListener {
    /** The observation of one call, as tracing names its span. */
    public static final String CALL_OBSERVATION = "groupkit.call";

    private final MeterRegistry registry;
    private final ObservationRegistry observations;
    private final Map<Long, Observation> open = new ConcurrentHashMap<>();

    private GroupKitMetrics(Builder b) {
        this.registry = b.registry;
        this.observations = b.observations;
    }

    /**
     * Metrics into a registry, without observations.
     *
     * @param registry the registry
     * @return the listener
     */
    public static GroupKitMetrics of(MeterRegistry registry) {
        return builder(registry).build();
    }

    /**
     * A builder.
     *
     * @param registry where the meters go
     * @return a builder
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    @Override
    public void callStarted(Call call) {
        if (observations.isNoop()) {
            return;
        }
        Observation o = Observation.createNotStarted(CALL_OBSERVATION, observations)
                .contextualName("groupkit " + call.provider() + " " + call.operation())
                .lowCardinalityKeyValue("provider", call.provider())
                .lowCardinalityKeyValue("operation", call.operation())
                .start();
        open.put(call.id(), o);
    }

    @Override
    public void callEnded(Call call, Outcome outcome, Duration took) {
        Tags tags = Tags.of("provider", call.provider(), "operation", call.operation(), "outcome", outcome.kind().name(),
                "success", Boolean.toString(outcome.isSuccess()));
        Counter.builder("groupkit.calls").description("GroupKit calls by outcome").tags(tags).register(registry).increment();
        Timer.builder("groupkit.call.duration").description("GroupKit calls, from start to final outcome, waits and"
                + " retries included").tags(tags).register(registry).record(took);
        Observation o = open.remove(call.id());
        if (o != null) {
            o.lowCardinalityKeyValue("outcome", outcome.kind().name());
            o.lowCardinalityKeyValue("success", Boolean.toString(outcome.isSuccess()));
            o.highCardinalityKeyValue("code", outcome.detail().code());
            o.stop();
        }
    }

    @Override
    public void callDropped(Call call) {
        Counter.builder("groupkit.calls.dropped").description("bulk calls stopped or cancelled before they were sent")
                .tags("provider", call.provider(), "operation", call.operation()).register(registry).increment();
        Observation o = open.remove(call.id());
        if (o != null) {
            o.lowCardinalityKeyValue("outcome", "DROPPED");
            o.stop();
        }
    }

    @Override
    public void attemptStarted(Call call, int attempt) {
        Observation o = open.get(call.id());
        if (o != null) {
            o.event(Observation.Event.of("groupkit.attempt", "attempt " + attempt));
        }
    }

    @Override
    public void attemptEnded(Call call, int attempt, Outcome outcome, Duration took) {
        Timer.builder("groupkit.attempt.duration").description("one request to the provider and its answer")
                .tags("provider", call.provider(), "operation", call.operation(), "outcome", outcome.kind().name())
                .register(registry).record(took);
    }

    @Override
    public void waited(Call call, String limit, Duration wait) {
        Timer.builder("groupkit.pacing.wait").description("waits for a permit of a provider's rate limit")
                .tags("provider", call.provider(), "limit", limit).register(registry).record(wait);
    }

    @Override
    public void retried(Call call, int nextAttempt, Outcome because, Duration after) {
        Counter.builder("groupkit.retries").description("attempts retried, by the outcome that was retried")
                .tags("provider", call.provider(), "operation", call.operation(), "reason", because.kind().name())
                .register(registry).increment();
        Observation o = open.get(call.id());
        if (o != null) {
            o.event(Observation.Event.of("groupkit.retry", "retry after " + because.kind()));
        }
    }

    @Override
    public void settled(Call call, Outcome lost, MembershipCheck found, Outcome settled) {
        Counter.builder("groupkit.settlements").description("lost answers settled by asking whether the person is in")
                .tags("provider", call.provider(), "operation", call.operation(), "found", found.name(),
                        "outcome", settled.kind().name())
                .register(registry).increment();
    }

    @Override
    public void fallback(Call call, LinkFallback refusal) {
        Counter.builder("groupkit.fallbacks").description("invite links attached to refusals")
                .tags("provider", call.provider(), "outcome", refusal.kind().name(), "sent", Boolean.toString(refusal.inviteSent()))
                .register(registry).increment();
    }

    @Override
    public void bulkProgress(String provider, io.groupkit.core.BulkProgress progress) {
        Counter.builder("groupkit.bulk.recorded").description("outcomes recorded by bulk runs as they go (progress)")
                .tags("provider", provider).register(registry).increment();
    }

    @Override
    public void bulkEnded(String provider, BulkReport report) {
        report.counts().forEach((kind, n) -> Counter.builder("groupkit.bulk.outcomes")
                .description("people of bulk runs, by outcome").tags("provider", provider, "outcome", kind.name())
                .register(registry).increment(n));
        if (!report.notAttempted().isEmpty()) {
            Counter.builder("groupkit.bulk.outcomes").description("people of bulk runs, by outcome")
                    .tags("provider", provider, "outcome", "NOT_ATTEMPTED").register(registry)
                    .increment(report.notAttempted().size());
        }
        String ended = report.cancelled() ? "cancelled" : report.stoppedBy().isPresent() ? "stopped" : "completed";
        Counter.builder("groupkit.bulk.runs").description("bulk runs, by how they ended")
                .tags("provider", provider, "ended", ended).register(registry).increment();
    }

    @Override
    public String toString() {
        return "GroupKitMetrics[" + registry.getClass().getSimpleName() + (observations.isNoop() ? "" : ", observations") + "]";
    }

    /** Builds {@link GroupKitMetrics}; not thread-safe. */
    public static final class Builder {
        private final MeterRegistry registry;
        private ObservationRegistry observations = ObservationRegistry.NOOP;

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry must not be null");
        }

        /**
         * One observation per call in this registry (with Micrometer Tracing, a span per call;
         * attempts and retries are events on it). Default none.
         *
         * @param registry the observation registry
         * @return this builder
         */
        public Builder observations(ObservationRegistry registry) {
            this.observations = Objects.requireNonNull(registry, "registry must not be null");
            return this;
        }

        /**
         * Builds the listener.
         *
         * @return the listener, thread-safe
         */
        public GroupKitMetrics build() {
            return new GroupKitMetrics(this);
        }
    }
}
