package io.groupkit.core.journal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One worker's run of a job, from {@link BulkJournal#open}. Used by one thread at a time.
 */
public interface JournalRun extends AutoCloseable {

    /**
     * Claims people to work on, in input order where the store can: people without a final
     * outcome that no other live worker holds. A claim lasts until this run closes (or, in a
     * store shared by several workers, until its lease runs out without {@link #keepAlive}); a
     * person claimed once is not claimed again by this run.
     *
     * @param max how many at most, at least 1
     * @return the claims; empty when no one is left to claim
     */
    List<JournalClaim> claim(int max);

    /**
     * Records that calls for these people are about to be sent. Durable when it returns: a crash
     * after it leaves them "under way", and a rerun checks them before sending anything.
     *
     * @param people people this run claimed
     */
    void intend(List<String> people);

    /**
     * Records a person's outcome. It must be durable by the time the next {@link #intend} or
     * {@link #close} returns; a store may write it at once. An outcome lost in a crash costs
     * little: the person is under way for the rerun, which checks them before sending anything.
     *
     * @param person a person this run claimed
     * @param outcome the outcome, as GroupKit wrote it (one line of text)
     * @param finality whether it ends the person's part in the job ({@link Finality#FINAL}: a rerun
     *     skips them and reports this outcome; it is then among {@link #finished()})
     */
    void record(String person, String outcome, Finality finality);

    /**
     * Records a person's outcome, the finality given as a flag.
     *
     * @param person a person this run claimed
     * @param outcome the outcome, as GroupKit wrote it (one line of text)
     * @param finished true for {@link Finality#FINAL}
     * @deprecated A bare {@code true} does not say what it means: call and implement
     *     {@link #record(String, String, Finality)}, to which this delegates.
     */
    @Deprecated(since = "0.1", forRemoval = true)
    default void record(String person, String outcome, boolean finished) {
        record(person, outcome, finished ? Finality.FINAL : Finality.NOT_FINAL);
    }

    /**
     * The people of the job with a final outcome, whoever recorded it.
     *
     * @return each person's key and outcome
     */
    Map<String, String> finished();

    /**
     * How many people of the job have no final outcome and are claimed by another live worker.
     * When {@link #claim} finds no one, a run waits while this is above zero: those people get a
     * final outcome, or their worker stops (its lease runs out, or it closes) and they are claimed
     * here. So every worker's report covers the whole job.
     *
     * @return the count; 0 for a store with one worker at a time
     */
    default int heldElsewhere() {
        return 0;
    }

    /**
     * Tells a shared store that this run is alive: its claims stay its own. GroupKit calls it at
     * least every third of the lease while the run lasts.
     */
    default void keepAlive() {
    }

    /**
     * How long this run's claims last without {@link #keepAlive}, in a store shared by several
     * workers.
     *
     * @return the lease, or empty when claims last until the run closes
     */
    default Optional<Duration> lease() {
        return Optional.empty();
    }

    /**
     * Ends the run: its claims of people without a final outcome are let go.
     */
    @Override
    void close();
}
