package io.groupkit.core;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * One group the account is in, as a listing tells it.
 *
 * @param group the reference every other operation takes
 * @param title the group's title; empty when the provider's listing has none and it was not looked up
 * @param memberCount how many members the group has, where the provider says
 * @param addRight whether the account may add people there, where that can be told
 */
public record GroupInfo(GroupRef group, String title, OptionalInt memberCount, AddRight addRight) {
    /**
     * Checks the fields.
     *
     * @param group the reference
     * @param title the title
     * @param memberCount the member count
     * @param addRight the account's right to add people
     */
    public GroupInfo {
        Objects.requireNonNull(group, "group must not be null");
        Objects.requireNonNull(title, "title must not be null (use \"\")");
        Objects.requireNonNull(memberCount, "memberCount must not be null (use OptionalInt.empty())");
        Objects.requireNonNull(addRight, "addRight must not be null (use AddRight.UNKNOWN)");
    }

    /** Whether the account may add people to a group. */
    public enum AddRight {
        /** It may: it owns or administers the group, or the group lets every member add people. */
        YES,
        /** It may not: an add would be refused for lack of rights. */
        NO,
        /** The listing does not say (ask for {@link GroupsPage.Details#LOOKED_UP} where a provider can tell). */
        UNKNOWN
    }
}
