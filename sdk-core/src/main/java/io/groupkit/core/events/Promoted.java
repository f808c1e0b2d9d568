package io.groupkit.core.events;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.MemberRole;
import java.util.Objects;

/**
 * Someone became an admin or the owner of the group.
 *
 * @param id a stable id, for de-duplication
 * @param group the group
 * @param member the person
 * @param time when it happened
 * @param source pushed by the provider or observed by comparing listings
 * @param detail what the provider said
 * @param role their new role
 */
public record Promoted(String id, GroupRef group, Member member, EventTime time, EventSource source, ProviderDetail detail,
        MemberRole role)
        implements MembershipEvent {
    /**
     * Checks the fields.
     *
     * @param id the id
     * @param group the group
     * @param member the person
     * @param time when
     * @param source how it was learned
     * @param detail what the provider said
     * @param role their new role
     */
    public Promoted {
        EventFields.check(id, group, member, time, source, detail);
        Objects.requireNonNull(role, "role must not be null");
    }

    @Override
    public EventKind kind() {
        return EventKind.PROMOTED;
    }

    @Override
    public String toString() {
        return EventFields.describe(this) + ", role=" + role + "]";
    }
}
