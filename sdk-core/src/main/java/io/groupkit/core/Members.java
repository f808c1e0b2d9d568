package io.groupkit.core;

import java.util.List;
import java.util.Objects;

/**
 * A group's members.
 *
 * @param detail what the provider answered
 * @param members the members, in the provider's order
 */
public record Members(ProviderDetail detail, List<GroupMember> members) implements MembersResult {
    /**
     * Checks the fields and copies the list.
     *
     * @param detail what the provider answered
     * @param members the members
     */
    public Members {
        Objects.requireNonNull(detail, "detail must not be null");
        members = List.copyOf(members);
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.MEMBERS;
    }
}
