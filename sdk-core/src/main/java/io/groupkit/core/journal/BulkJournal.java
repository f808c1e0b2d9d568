package io.groupkit.core.journal;

import io.groupkit.core.internal.FileJournal;
import java.nio.file.Path;
import java.util.List;

/**
 * Where bulk jobs keep their progress. GroupKit calls it from the thread that runs
 * {@code addAll} (never from a provider's or a timer's thread), so an implementation may block.
 *
 * <p>What GroupKit stores: a job id, the group's key, one opaque key per person (a hash of the
 * job and the person: no phone number or user id reaches the journal) and each person's outcome
 * as a line of text (its kind, the provider's code and description — already masked, as in every
 * outcome — and any invite link).
 *
 * <p>A store that fails throws an unchecked exception: the run then sends nothing more, and the
 * report says why ({@code Unavailable}, code {@code JOURNAL_UNAVAILABLE}).
 */
public interface BulkJournal {

    /**
     * Opens one run of a job (a new job, or one run before): registers the people that are new
     * to it.
     *
     * @param job the job's id
     * @param group the group's key; a job belongs to one group
     * @param people the people's keys, in the order of the input (unique)
     * @return the run, to close when it ends
     * @throws IllegalArgumentException if the job was started for another group
     */
    JournalRun open(String job, String group, List<String> people);

    /**
     * The embedded journal: an append-only file of its own format (one line per record, each with
     * a checksum, written through to the disk before GroupKit goes on), holding any number of
     * jobs. One process at a time may run jobs from it (a lock on the file); several workers on
     * one job need a database journal.
     *
     * @param file the file; created with its directory if missing
     * @return the journal
     */
    static BulkJournal file(Path file) {
        return new FileJournal(file);
    }
}
