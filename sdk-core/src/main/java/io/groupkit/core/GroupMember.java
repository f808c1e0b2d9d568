package io.groupkit.core;

import java.util.Objects;

/**
 * One member of a group as the provider lists it.
 *
 * @param member the member, as the provider identifies them
 * @param role their standing
 */
public record GroupMember(Member member, MemberRole role) {
    /**
     * Checks the fields.
     *
     * @param member the member
     * @param role the role
     */
    public GroupMember {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(role, "role must not be null");
    }
}
