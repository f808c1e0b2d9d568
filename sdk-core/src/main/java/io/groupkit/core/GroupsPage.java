package io.groupkit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * Which page of the account's groups to list, and how much to tell about each.
 *
 * <pre>{@code
 * GroupsResult first = client.groups(GroupsPage.first());
 * if (first instanceof Groups page && page.next().isPresent()) {
 *     client.groups(GroupsPage.after(page.next().get()));
 * }
 * client.groups();   // every page, one list
 * }</pre>
 *
 * @param cursor where the page starts: empty for the first page, else a {@link Groups#next()} cursor
 * @param limit the most groups on the page, from 1 to {@value #MAX_LIMIT}
 * @param details what to tell about each group
 */
public record GroupsPage(Optional<String> cursor, int limit, Details details) {
    /** The default page size. */
    public static final int DEFAULT_LIMIT = 100;
    /** The largest page size. */
    public static final int MAX_LIMIT = 500;

    /** How much to tell about each group. */
    public enum Details {
        /** What the provider's listing gives anyway: no extra request per group. */
        AS_LISTED,
        /**
         * Also the member count, the title and the account's right to add people where the listing
         * lacks them, even when that costs one look-up per group, paced like every other call
         * (Green-API: {@code getGroupData}, one per second).
         */
        LOOKED_UP
    }

    /**
     * Checks the fields.
     *
     * @param cursor the start
     * @param limit the page size
     * @param details the details
     */
    public GroupsPage {
        Objects.requireNonNull(cursor, "cursor must not be null (use Optional.empty() for the first page)");
        Objects.requireNonNull(details, "details must not be null");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("expected a page size from 1 to " + MAX_LIMIT + ", got " + limit);
        }
        if (cursor.isPresent() && cursor.get().isBlank()) {
            throw new IllegalArgumentException("expected a cursor from Groups.next(), got a blank string");
        }
    }

    /**
     * The first page, {@value #DEFAULT_LIMIT} groups, as listed.
     *
     * @return the page
     */
    public static GroupsPage first() {
        return new GroupsPage(Optional.empty(), DEFAULT_LIMIT, Details.AS_LISTED);
    }

    /**
     * The page after an earlier one.
     *
     * @param cursor a {@link Groups#next()} cursor
     * @return the page, {@value #DEFAULT_LIMIT} groups, as listed
     */
    public static GroupsPage after(String cursor) {
        Objects.requireNonNull(cursor, "cursor must not be null");
        return new GroupsPage(Optional.of(cursor), DEFAULT_LIMIT, Details.AS_LISTED);
    }

    /**
     * This page with another size.
     *
     * @param newLimit from 1 to {@value #MAX_LIMIT}
     * @return a copy
     */
    public GroupsPage limit(int newLimit) {
        return new GroupsPage(cursor, newLimit, details);
    }

    /**
     * This page with other details.
     *
     * @param newDetails the details
     * @return a copy
     */
    public GroupsPage details(Details newDetails) {
        return new GroupsPage(cursor, limit, newDetails);
    }

    /**
     * The offset a cursor stands for, for providers whose cursors are offsets into a list.
     *
     * @return the offset; 0 for the first page
     * @throws IllegalArgumentException if the cursor is not an offset this library gave out
     */
    public int offset() {
        if (cursor.isEmpty()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(cursor.get());
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException notAnOffset) {
            // fall through
        }
        throw new IllegalArgumentException("expected a cursor from Groups.next() of this provider, got '" + cursor.get() + "'");
    }
}
