package io.groupkit.core;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a bulk run: every person of the input is either in {@link #entries()} with an
 * outcome or in {@link #notAttempted()}, so nothing is lost and a run can be resumed.
 *
 * @param entries outcomes, in input order
 * @param notAttempted people never sent because the run was cancelled or stopped, in input order
 * @param stoppedBy the outcome that stopped the run, if one did
 * @param cancelled whether the run was cancelled
 * @param elapsed how long the run took
 */
public record BulkReport(List<BulkEntry> entries, List<Member> notAttempted, Optional<AddResult> stoppedBy,
                         boolean cancelled, Duration elapsed) {
    /**
     * Copies the lists.
     *
     * @param entries outcomes
     * @param notAttempted people not sent
     * @param stoppedBy the stopping outcome, or empty
     * @param cancelled whether cancelled
     * @param elapsed the duration
     */
    public BulkReport {
        entries = List.copyOf(entries);
        notAttempted = List.copyOf(notAttempted);
        Objects.requireNonNull(stoppedBy, "stoppedBy must not be null (use Optional.empty())");
        Objects.requireNonNull(elapsed, "elapsed must not be null");
    }

    /**
     * People in the input.
     *
     * @return outcomes plus people not attempted
     */
    public int total() {
        return entries.size() + notAttempted.size();
    }

    /**
     * Outcomes by kind.
     *
     * @return an unmodifiable map; kinds that did not occur are absent
     */
    public Map<OutcomeKind, Integer> counts() {
        Map<OutcomeKind, Integer> counts = new EnumMap<>(OutcomeKind.class);
        for (BulkEntry e : entries) {
            counts.merge(e.outcome().kind(), 1, Integer::sum);
        }
        return Collections.unmodifiableMap(counts);
    }

    /**
     * How many outcomes were of one kind.
     *
     * @param kind the kind
     * @return the count
     */
    public int count(OutcomeKind kind) {
        return (int) entries.stream().filter(e -> e.outcome().kind() == kind).count();
    }

    /**
     * How many people are in the group as asked ({@link OutcomeKind#isSuccess()}).
     *
     * @return the count
     */
    public int succeeded() {
        return (int) entries.stream().filter(e -> e.outcome().isSuccess()).count();
    }

    /**
     * Whether every person of the input is in the group.
     *
     * @return true if all succeeded
     */
    public boolean allSucceeded() {
        return notAttempted.isEmpty() && succeeded() == entries.size();
    }
}
