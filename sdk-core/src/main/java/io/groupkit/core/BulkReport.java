package io.groupkit.core;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a bulk run: every person of the input is in {@link #entries()} with an outcome,
 * in {@link #notAttempted()}, or — when an earlier line of the input named the same person — in
 * {@link #duplicates()}, so nothing is lost, nobody is sent twice, and a run can be resumed.
 *
 * @param entries outcomes, in input order
 * @param notAttempted people never sent because the run was cancelled or stopped, in input order
 * @param stoppedBy the outcome that stopped the run, if one did
 * @param cancelled whether the run was cancelled
 * @param elapsed how long the run took
 * @param job what the journal did, for a journaled run
 * @param duplicates people the input named again after their first line, in input order: never sent
 */
public record BulkReport(List<BulkEntry> entries, List<Member> notAttempted, Optional<AddResult> stoppedBy,
                         boolean cancelled, Duration elapsed, Optional<Job> job, List<Duplicate> duplicates) {
    /**
     * Copies the lists.
     *
     * @param entries outcomes
     * @param notAttempted people not sent
     * @param stoppedBy the stopping outcome, or empty
     * @param cancelled whether cancelled
     * @param elapsed the duration
     * @param job the journal's counts, or empty
     * @param duplicates repeated people, not sent
     */
    public BulkReport {
        entries = List.copyOf(entries);
        notAttempted = List.copyOf(notAttempted);
        duplicates = List.copyOf(duplicates);
        Objects.requireNonNull(stoppedBy, "stoppedBy must not be null (use Optional.empty())");
        Objects.requireNonNull(elapsed, "elapsed must not be null");
        Objects.requireNonNull(job, "job must not be null (use Optional.empty())");
    }

    /**
     * The report of a run whose input named nobody twice.
     *
     * @param entries outcomes
     * @param notAttempted people not sent
     * @param stoppedBy the stopping outcome, or empty
     * @param cancelled whether cancelled
     * @param elapsed the duration
     * @param job the journal's counts, or empty
     */
    public BulkReport(List<BulkEntry> entries, List<Member> notAttempted, Optional<AddResult> stoppedBy,
                      boolean cancelled, Duration elapsed, Optional<Job> job) {
        this(entries, notAttempted, stoppedBy, cancelled, elapsed, job, List.of());
    }

    /**
     * A person the input named again: the same phone digits (in whatever format, or as a WhatsApp
     * chat id {@code <digits>@c.us}), the same user name (case aside) or the same id. Only the first
     * line is sent; its outcome is this person's.
     *
     * @param index this line's position in the input
     * @param member the person as this line wrote them
     * @param firstIndex the position of the line that named them first
     */
    public record Duplicate(int index, Member member, int firstIndex) {
        /**
         * Checks the fields.
         *
         * @param index this line's position
         * @param member the person
         * @param firstIndex the first line's position, before {@code index}
         */
        public Duplicate {
            Objects.requireNonNull(member, "member must not be null");
            if (firstIndex < 0 || firstIndex >= index) {
                throw new IllegalArgumentException("expected the first line (" + firstIndex + ") before this one (" + index + ")");
            }
        }
    }

    /**
     * The report of a run without a journal.
     *
     * @param entries outcomes
     * @param notAttempted people not sent
     * @param stoppedBy the stopping outcome, or empty
     * @param cancelled whether cancelled
     * @param elapsed the duration
     */
    public BulkReport(List<BulkEntry> entries, List<Member> notAttempted, Optional<AddResult> stoppedBy,
                      boolean cancelled, Duration elapsed) {
        this(entries, notAttempted, stoppedBy, cancelled, elapsed, Optional.empty());
    }

    /**
     * What a journaled run did with the people of its job. Every person is in exactly one count.
     *
     * @param id the job's id
     * @param skipped people done in an earlier run (or by another worker): their entry holds the journaled outcome
     * @param settled people whose call was under way when an earlier run ended (a crash, a lost answer), checked
     *     against the group's members before anything was sent; some of them were then sent again
     * @param sent people sent in this run who were not under way before
     * @param elsewhere people another worker holds (in {@link #notAttempted()})
     * @param notAttempted people this run did not get to (cancelled, stopped; in {@link #notAttempted()})
     */
    public record Job(String id, int skipped, int settled, int sent, int elsewhere, int notAttempted) {
        /**
         * Checks the fields.
         *
         * @param id not null
         * @param skipped zero or more
         * @param settled zero or more
         * @param sent zero or more
         * @param elsewhere zero or more
         * @param notAttempted zero or more
         */
        public Job {
            Objects.requireNonNull(id, "id must not be null");
            if (skipped < 0 || settled < 0 || sent < 0 || elsewhere < 0 || notAttempted < 0) {
                throw new IllegalArgumentException("expected counts of zero or more");
            }
        }
    }

    /**
     * People in the input, each line counted.
     *
     * @return outcomes plus people not attempted plus duplicates
     */
    public int total() {
        return entries.size() + notAttempted.size() + duplicates.size();
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
