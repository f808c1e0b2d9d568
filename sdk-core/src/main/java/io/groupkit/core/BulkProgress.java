package io.groupkit.core;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How far a bulk run has come, reported after each person.
 *
 * @param done people with an outcome so far
 * @param total people this run sends: each person once (duplicates are not sent), and without
 *     those a journal has as done before (a resumed run counts to the people left)
 * @param counts outcomes so far by kind
 * @param elapsed time since the run started
 */
public record BulkProgress(int done, int total, Map<OutcomeKind, Integer> counts, Duration elapsed) {
    /**
     * Copies the counts.
     *
     * @param done people done
     * @param total people in all
     * @param counts counts by kind
     * @param elapsed time so far
     */
    public BulkProgress {
        counts = Map.copyOf(counts);
    }

    /**
     * People per second so far.
     *
     * @return the rate; 0 before any time has passed
     */
    public double perSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : done / seconds;
    }

    /**
     * The time left at the rate so far.
     *
     * @return the estimate, or empty before there is a rate
     */
    public Optional<Duration> eta() {
        double rate = perSecond();
        if (rate <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) ((total - done) / rate * 1000)));
    }
}
