package io.groupkit.core.journal;

/**
 * Whether an outcome ends a person's part in a journaled job: what a
 * {@link JournalRun#record(String, String, Finality)} says of the outcome it records.
 */
public enum Finality {
    /** The outcome is final: a rerun skips the person and reports this outcome. */
    FINAL,
    /**
     * The outcome is not final (a failure worth trying again, an outcome that stopped the run, a
     * full group, a lost answer): a rerun claims the person again, with this outcome in the claim.
     */
    NOT_FINAL
}
