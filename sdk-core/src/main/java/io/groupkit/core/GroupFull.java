package io.groupkit.core;

import java.util.Objects;

/**
 * The group has reached its member limit.
 *
 * @param detail what the provider answered
 */
public record GroupFull(ProviderDetail detail) implements AddResult {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     */
    public GroupFull {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.GROUP_FULL;
    }
}
