package io.groupkit.core.events;

import io.groupkit.core.internal.FileMembershipStore;
import io.groupkit.core.internal.MemoryMembershipStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where watches keep what they have seen and who may watch what, and where GroupKit records the
 * invitations it sends. An SPI: {@link #directory(Path)} is the embedded store (one process),
 * {@code JdbcMembershipStore} in {@code sdk-fleet} shares one PostgreSQL database between servers.
 *
 * <p>A watch works in scopes (one per watched group, one for an account's pushed events). A
 * watcher holds a scope's lease while it works on it; it saves the scope's state (an opaque text
 * the watch writes and reads) only while it still holds the lease, so that a watcher that lost its
 * lease (paused too long, its server cut off) can never overwrite the work of the one that took
 * over. Leases are judged by the watchers' clocks: keep the servers' clocks in step (NTP) and the
 * lease well above the skew.
 *
 * <p>Implementations are thread-safe. They may block (a file, a database): watches call them on
 * the executor you gave them, and the add pipeline calls {@link #record} after a link was attached.
 * A store that cannot answer throws (any {@link RuntimeException}); the watch reports it as
 * {@link WatchProblem.Kind#STORE_UNAVAILABLE} and tries again, delivering nothing meanwhile.
 */
public interface MembershipStore extends AutoCloseable {

    /**
     * The embedded store: a directory of small files, each replaced atomically and forced to the
     * disk before a call returns, so a watcher killed at any moment resumes where it was. One process
     * at a time: a second one that opens the same directory is refused.
     *
     * @param directory the directory, created if missing
     * @return the store
     * @throws IllegalStateException if another process has the directory open
     * @throws java.io.UncheckedIOException if the directory cannot be created or locked
     */
    static MembershipStore directory(Path directory) {
        return new FileMembershipStore(Objects.requireNonNull(directory, "directory must not be null"));
    }

    /**
     * A store in memory, for tests and for watches that need not survive a restart.
     *
     * @return the store
     */
    static MembershipStore inMemory() {
        return new MemoryMembershipStore();
    }

    /**
     * Takes a scope's lease for {@code owner} until {@code now + lease} if it is free, expired, or
     * already {@code owner}'s (then it is renewed), and reads the scope's state.
     *
     * @param scope the scope, such as {@code green-api:7103000001/120363043968066561@g.us}
     * @param owner the watcher
     * @param now the watcher's clock
     * @param lease how long the lease lasts without renewal
     * @return whether {@code owner} holds it now, and the saved state if so
     */
    Lease claim(String scope, String owner, Instant now, Duration lease);

    /**
     * Saves a scope's state, only if {@code owner} holds its lease at {@code now}.
     *
     * @param scope the scope
     * @param owner the watcher
     * @param now the watcher's clock
     * @param state the state
     * @return false if the lease is no longer {@code owner}'s (nothing was written)
     */
    boolean save(String scope, String owner, Instant now, String state);

    /**
     * Gives a scope's lease up, so another watcher may take it at once; does nothing if
     * {@code owner} does not hold it.
     *
     * @param scope the scope
     * @param owner the watcher
     */
    void release(String scope, String owner);

    /**
     * Records an invitation.
     *
     * @param invitation the invitation
     */
    void record(Invitation invitation);

    /**
     * The invitations of an account, oldest first.
     *
     * @param account the provider account
     * @param groupKey only those to this group, if given
     * @return the invitations
     */
    List<Invitation> invitations(String account, Optional<String> groupKey);

    /**
     * Closes an invitation: the person joined. Closing it again does nothing.
     *
     * @param invitationId the invitation
     * @param at when the person was seen in the group
     * @param eventId the join's event id
     */
    void joined(String invitationId, Instant at, String eventId);

    /** Releases what the store holds (a directory lock, connections it made). The default holds nothing. */
    @Override
    default void close() {
    }

    /**
     * The answer to {@link #claim}.
     *
     * @param held whether the watcher holds the lease now
     * @param state the scope's saved state, when held and saved before
     */
    record Lease(boolean held, Optional<String> state) {
        /**
         * Checks the fields.
         *
         * @param held whether held
         * @param state the state
         */
        public Lease {
            Objects.requireNonNull(state, "state must not be null (use Optional.empty())");
        }
    }
}
