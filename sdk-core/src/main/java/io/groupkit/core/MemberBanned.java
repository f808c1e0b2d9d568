package io.groupkit.core;

import java.util.Objects;

/**
 * The person was removed or banned from this group before and cannot be added back directly.
 *
 * @param detail what the provider answered
 */
public record MemberBanned(ProviderDetail detail) implements AddResult {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     */
    public MemberBanned {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.MEMBER_BANNED;
    }
}
