package io.groupkit.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of the groups the account is in.
 *
 * @param detail what the provider answered
 * @param groups the groups on this page, in the provider's order (alphabetical by title where the
 *     provider lists everything at once)
 * @param next the cursor of the next page, or empty on the last page; pass it to
 *     {@link GroupsPage#after(String)}
 */
public record Groups(ProviderDetail detail, List<GroupInfo> groups, Optional<String> next) implements GroupsResult {
    /**
     * Checks the fields and copies the list.
     *
     * @param detail what the provider answered
     * @param groups the groups
     * @param next the next page's cursor
     */
    public Groups {
        Objects.requireNonNull(detail, "detail must not be null");
        Objects.requireNonNull(next, "next must not be null (use Optional.empty())");
        groups = List.copyOf(groups);
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.GROUPS;
    }
}
