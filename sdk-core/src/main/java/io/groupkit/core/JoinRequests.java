package io.groupkit.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a group's pending join requests.
 *
 * @param detail what the provider answered
 * @param requests the requests on this page, newest first where the provider orders them so
 * @param next the cursor of the next page, or empty on the last page; pass it to
 *     {@link JoinRequestsPage#after(String)}
 */
public record JoinRequests(ProviderDetail detail, List<JoinRequest> requests, Optional<String> next)
        implements JoinRequestsResult {
    /**
     * Checks the fields and copies the list.
     *
     * @param detail what the provider answered
     * @param requests the requests
     * @param next the next page's cursor
     */
    public JoinRequests {
        Objects.requireNonNull(detail, "detail must not be null");
        Objects.requireNonNull(next, "next must not be null (use Optional.empty())");
        requests = List.copyOf(requests);
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.JOIN_REQUESTS;
    }
}
