package io.groupkit.core.events;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.ProviderDetail;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone was removed from the group.
 *
 * @param id a stable id, for de-duplication
 * @param group the group
 * @param member the person
 * @param time when it happened
 * @param source pushed by the provider or observed by comparing listings
 * @param detail what the provider said
 * @param by who removed them, when the provider says
 */
public record Removed(String id, GroupRef group, Member member, EventTime time, EventSource source, ProviderDetail detail,
        Optional<Member> by)
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
     * @param by who removed them, when the provider says
     */
    public Removed {
        EventFields.check(id, group, member, time, source, detail);
        Objects.requireNonNull(by, "by must not be null (use Optional.empty())");
    }

    @Override
    public EventKind kind() {
        return EventKind.REMOVED;
    }

    @Override
    public String toString() {
        return EventFields.describe(this) + by.map(m -> ", by=" + m).orElse("") + "]";
    }
}
