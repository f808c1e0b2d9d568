package io.groupkit.core.internal;

import io.groupkit.core.events.Invitation;
import io.groupkit.core.events.MembershipStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@link MembershipStore#inMemory()}, and the lease and invitation book-keeping the file store
 * keeps in memory too (one process owns a directory, so its leases need no disk).
 */
public class MemoryMembershipStore implements MembershipStore {
    private final Map<String, Holder> leases = new HashMap<>();
    private final Map<String, String> states = new HashMap<>();
    private final Map<String, Invitation> invitations = new LinkedHashMap<>();

    private record Holder(String owner, Instant until) {
    }

    @Override
    public synchronized Lease claim(String scope, String owner, Instant now, Duration lease) {
        Objects.requireNonNull(scope, "scope must not be null");
        Objects.requireNonNull(owner, "owner must not be null");
        Holder h = leases.get(scope);
        if (h != null && !h.owner().equals(owner) && now.isBefore(h.until())) {
            return new Lease(false, Optional.empty());
        }
        leases.put(scope, new Holder(owner, now.plus(lease)));
        return new Lease(true, Optional.ofNullable(readState(scope)));
    }

    @Override
    public synchronized boolean save(String scope, String owner, Instant now, String state) {
        Holder h = leases.get(scope);
        if (h == null || !h.owner().equals(owner) || !now.isBefore(h.until())) {
            return false;
        }
        writeState(scope, state);
        states.put(scope, state);
        return true;
    }

    @Override
    public synchronized void release(String scope, String owner) {
        Holder h = leases.get(scope);
        if (h != null && h.owner().equals(owner)) {
            leases.remove(scope);
        }
    }

    @Override
    public synchronized void record(Invitation invitation) {
        Objects.requireNonNull(invitation, "invitation must not be null");
        append(invitation);
        invitations.put(invitation.id(), invitation);
    }

    @Override
    public synchronized List<Invitation> invitations(String account, Optional<String> groupKey) {
        List<Invitation> out = new ArrayList<>();
        for (Invitation i : invitations.values()) {
            if (i.account().equals(account) && (groupKey.isEmpty() || groupKey.get().equals(i.groupKey()))) {
                out.add(i);
            }
        }
        return out;
    }

    @Override
    public synchronized void joined(String invitationId, Instant at, String eventId) {
        Invitation i = invitations.get(invitationId);
        if (i == null || i.joinedAt().isPresent()) {
            return;
        }
        Invitation closed = i.joined(at, eventId);
        append(closed);
        invitations.put(invitationId, closed);
    }

    /** The saved state of a scope, for a subclass that keeps it elsewhere; null when none. */
    @Nullable String readState(String scope) {
        return states.get(scope);
    }

    /** Writes a scope's state durably before it counts as saved; in memory, nothing to do. */
    void writeState(String scope, String state) {
    }

    /** Writes an invitation (new or closed) durably before it counts as recorded; in memory, nothing to do. */
    void append(Invitation invitation) {
    }

    /** Loads an invitation read back from disk. */
    final synchronized void loaded(Invitation invitation) {
        invitations.put(invitation.id(), invitation);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + states.size() + " scopes, " + invitations.size() + " invitations]";
    }
}
