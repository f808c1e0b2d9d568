package io.groupkit.core.events;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.ProviderDetail;

/**
 * Someone left the group on their own, or (for a change seen by comparing listings) is no longer in it for a reason the listing cannot tell.
 *
 * @param id a stable id, for de-duplication
 * @param group the group
 * @param member the person
 * @param time when it happened
 * @param source pushed by the provider or observed by comparing listings
 * @param detail what the provider said
 */
public record Left(String id, GroupRef group, Member member, EventTime time, EventSource source, ProviderDetail detail)
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
     */
    public Left {
        EventFields.check(id, group, member, time, source, detail);
    }

    @Override
    public EventKind kind() {
        return EventKind.LEFT;
    }

    @Override
    public String toString() {
        return EventFields.describe(this) + "]";
    }
}
