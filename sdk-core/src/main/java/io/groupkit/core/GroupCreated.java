package io.groupkit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A group was created.
 *
 * @param detail what the provider answered
 * @param group the new group
 * @param inviteLink its invite link, when the provider returned one
 */
public record GroupCreated(ProviderDetail detail, GroupRef group, Optional<String> inviteLink) implements ActionResult {
    /**
     * Checks the fields.
     *
     * @param detail what the provider answered
     * @param group the new group
     * @param inviteLink the link, or empty
     */
    public GroupCreated {
        Objects.requireNonNull(detail, "detail must not be null");
        Objects.requireNonNull(group, "group must not be null");
        Objects.requireNonNull(inviteLink, "inviteLink must not be null (use Optional.empty())");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.GROUP_CREATED;
    }
}
