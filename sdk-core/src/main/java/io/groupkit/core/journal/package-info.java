/**
 * Bulk runs that survive a crash: a {@link io.groupkit.core.journal.BulkJournal} records, person
 * by person, that a call is about to be sent and what came of it, so that running the same job
 * again skips the people who are done, checks the people whose call was under way before sending
 * them anything, and goes on with the rest. {@link io.groupkit.core.journal.BulkJournal#file} is
 * the embedded journal (one process at a time); {@code io.groupkit.fleet.JdbcBulkJournal} keeps
 * jobs in PostgreSQL for several workers. Give one to
 * {@link io.groupkit.core.BulkOptions#journal}.
 */
@NullMarked
package io.groupkit.core.journal;

import org.jspecify.annotations.NullMarked;
