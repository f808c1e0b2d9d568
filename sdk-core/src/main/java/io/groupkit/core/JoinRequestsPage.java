package io.groupkit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of a group's pending join requests to list.
 *
 * <pre>{@code
 * JoinRequestsResult first = client.joinRequests(group, JoinRequestsPage.first());
 * if (first instanceof JoinRequests page && page.next().isPresent()) {
 *     client.joinRequests(group, JoinRequestsPage.after(page.next().get()));
 * }
 * client.joinRequests(group);   // every page, one list
 * }</pre>
 *
 * @param cursor where the page starts: empty for the first page, else a {@link JoinRequests#next()} cursor
 * @param limit the most requests on the page, from 1 to {@value #MAX_LIMIT}
 */
public record JoinRequestsPage(Optional<String> cursor, int limit) {
    /** The default page size. */
    public static final int DEFAULT_LIMIT = 50;
    /** The largest page size. */
    public static final int MAX_LIMIT = 100;

    /**
     * Checks the fields.
     *
     * @param cursor the start
     * @param limit the page size
     */
    public JoinRequestsPage {
        Objects.requireNonNull(cursor, "cursor must not be null (use Optional.empty() for the first page)");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("expected a page size from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        if (cursor.isPresent() && cursor.get().isBlank()) {
            throw new IllegalArgumentException("expected a cursor from JoinRequests.next(), got a blank string");
        }
    }

    /**
     * The first page, {@value #DEFAULT_LIMIT} requests.
     *
     * @return the page
     */
    public static JoinRequestsPage first() {
        return new JoinRequestsPage(Optional.empty(), DEFAULT_LIMIT);
    }

    /**
     * The page after an earlier one.
     *
     * @param cursor a {@link JoinRequests#next()} cursor
     * @return the page, {@value #DEFAULT_LIMIT} requests
     */
    public static JoinRequestsPage after(String cursor) {
        Objects.requireNonNull(cursor, "cursor must not be null");
        return new JoinRequestsPage(Optional.of(cursor), DEFAULT_LIMIT);
    }

    /**
     * This page with another size.
     *
     * @param newLimit from 1 to {@value #MAX_LIMIT}
     * @return a copy
     */
    public JoinRequestsPage limit(int newLimit) {
        return new JoinRequestsPage(cursor, newLimit);
    }
}
