package io.groupkit.core;

/**
 * Every kind of outcome, for callers on Java 17 who branch with {@code switch} on an enum, and for
 * counting outcomes in bulk reports.
 *
 * <p>Constants may be added in minor versions; keep a {@code default} branch.
 */
public enum OutcomeKind {
    /** The person was added. */
    ADDED(Nature.SUCCESS, "Nothing to do: the person is in the group."),
    /** The person was already in the group. */
    ALREADY_MEMBER(Nature.SUCCESS, "Nothing to do: the person was already in the group."),
    /** The person was removed. */
    REMOVED(Nature.SUCCESS, "Nothing to do: the person is no longer in the group."),
    /** The person was not in the group, so there was nothing to remove. */
    NOT_MEMBER(Nature.SUCCESS, "Nothing to do: the person was not in the group."),
    /** The group's invite link. */
    INVITE_LINK(Nature.SUCCESS, "Share the link with the people who should join."),
    /** The group's members. */
    MEMBERS(Nature.SUCCESS, "Nothing to do."),
    /** The groups the account is in. */
    GROUPS(Nature.SUCCESS, "Pick a group from the list; its reference works with every other operation."),
    /** A page of the provider's membership events. */
    EVENTS(Nature.SUCCESS, "Nothing to do."),
    /** A page of a group's pending join requests. */
    JOIN_REQUESTS(Nature.SUCCESS, "Approve or decline each request; people wait until an admin does."),
    /** A provider-specific operation was carried out. */
    DONE(Nature.SUCCESS, "Nothing to do."),
    /** A group was created. */
    GROUP_CREATED(Nature.SUCCESS, "Add people to the new group, or share its invite link."),
    /** The account's state; see {@link AccountStatus#state()}. */
    ACCOUNT_STATUS(Nature.SUCCESS, "Check the state: only an authorized account can change groups."),

    /** The person's privacy settings forbid being added by others. */
    PRIVACY_RESTRICTED(Nature.FAILED,
            "The person's privacy settings forbid being added by others: send them the group's invite link."),
    /** The person must be a (mutual) contact of the account before it can add them. */
    NOT_IN_CONTACTS(Nature.FAILED,
            "The person must be in the account's contacts to be added directly: save the number in the phone's contacts"
                    + " and try again, or send them the group's invite link."),
    /** The person has no account with this messenger; nothing was sent. */
    NOT_REGISTERED(Nature.FAILED,
            "The number has no account with this messenger: check the number. Do not retry: adding numbers without an"
                    + " account can get the sender's number banned."),
    /** Bitrix24: the bot is not the chat owner and may not change its members. */
    ACCESS_DENIED_EXTEND(Nature.HALTS_BULK,
            "The bot is not the owner of the chat, so it may not add or remove people: make the bot the chat owner (the"
                    + " current owner can hand ownership over with im.chat.setOwner), or add people from inside the"
                    + " chat; if the chat cannot be reached at all, reconnect the group (remove it from the integration"
                    + " and add it again)."),
    /** The account lacks the rights for this operation in this group. */
    ACCESS_DENIED(Nature.HALTS_BULK,
            "The account lacks the rights for this in the group: make it a group admin (or grant the missing right)"
                    + " and try again."),
    /** The group has reached its member limit. */
    GROUP_FULL(Nature.FAILED,
            "The group has reached its member limit: remove someone first or move to a larger kind of group."),
    /** The person was removed or banned from this group before. */
    MEMBER_BANNED(Nature.FAILED,
            "The person was removed or banned from this group earlier: lift the ban first, then add them or send the"
                    + " invite link."),
    /** One side has blocked the other. */
    BLOCKED(Nature.FAILED,
            "The person and this account have blocked each other (one side or both): this account cannot add them."),
    /** The person is in too many groups. */
    TOO_MANY_GROUPS(Nature.FAILED,
            "The person is in too many groups already: they must leave some before they can be added."),
    /** The provider suspects spam and has limited the account: stop, do not retry. */
    SPAM_LIMITED(Nature.HALTS_BULK,
            "The provider suspects spam and has limited this account: stop mass actions now and let the account rest"
                    + " for days before trying again."),
    /** Too many requests; see {@link RateLimited#retryAfter()}. */
    RATE_LIMITED(Nature.RETRYABLE_HALTS_BULK,
            "Too many requests: wait for the time the provider asked for (retryAfter) and try again; slow down bulk"
                    + " work."),
    /** The group or the person does not exist or is not visible to the account. */
    NOT_FOUND(Nature.FAILED,
            "The group or the person does not exist or this account cannot see it: check the id."),
    /** The credentials were refused. */
    UNAUTHORIZED(Nature.HALTS_BULK,
            "The credentials were refused: check or renew them (re-authorize the account or the app), then try again."),
    /** The account's quota or plan limit is spent. */
    QUOTA_EXCEEDED(Nature.HALTS_BULK,
            "The account's quota or plan limit is spent: upgrade the plan or wait until the quota resets."),
    /** The provider is temporarily unavailable and the retries were spent. */
    UNAVAILABLE(Nature.RETRYABLE,
            "The provider is temporarily unavailable and the retries were spent: try again later."),
    /** The request was sent but no answer came, and membership could not be checked. */
    INDETERMINATE(Nature.FAILED,
            "The request was sent but no answer came and membership could not be checked: list the group's members"
                    + " before trying again, so that nothing is done twice."),
    /** The provider refused without giving a reason. */
    NOT_ADDED(Nature.FAILED,
            "The provider refused without giving a reason: see the possible reasons, then send the person the group's"
                    + " invite link."),
    /** The provider has no such feature. */
    UNSUPPORTED(Nature.FAILED, "This provider has no such feature: use another way to reach the person."),
    /** An answer this version of GroupKit does not know. */
    UNRECOGNIZED(Nature.FAILED,
            "This version of GroupKit does not know this answer: look up the provider's code and description, and"
                    + " report it so that a precise outcome can be added.");

    private final Nature nature;
    private final String remedy;

    OutcomeKind(Nature nature, String remedy) {
        this.nature = nature;
        this.remedy = remedy;
    }

    /** What a kind means for the caller: whether it is a success, worth retrying, a stop for bulk work. */
    private enum Nature {
        /** The state asked for holds. */
        SUCCESS,
        /** Not done, for a reason of this person or this group: the same call again changes nothing. */
        FAILED,
        /** Not done, for a reason every other person would meet too (the account, the credentials): bulk work stops. */
        HALTS_BULK,
        /** Not done now; the same call may succeed later. */
        RETRYABLE,
        /** Not done now, may succeed later, and bulk work stops meanwhile (too many requests). */
        RETRYABLE_HALTS_BULK
    }

    /**
     * Whether the state the caller asked for holds: the person is in the group after an add
     * ({@link #ADDED}, {@link #ALREADY_MEMBER}), out of it after a remove ({@link #REMOVED},
     * {@link #NOT_MEMBER}), or the link or list was obtained.
     *
     * @return true for the success kinds
     */
    public boolean isSuccess() {
        return nature == Nature.SUCCESS;
    }

    /**
     * Whether trying the same call again later can succeed without changing anything.
     *
     * @return true for {@link #RATE_LIMITED} and {@link #UNAVAILABLE}
     */
    public boolean isRetryable() {
        return nature == Nature.RETRYABLE || nature == Nature.RETRYABLE_HALTS_BULK;
    }

    /**
     * The default of {@link Outcome#haltsBulk()}, which is the one public answer: a kind alone
     * cannot say it for every outcome ({@link NotFound} halts for a group, not for a person).
     */
    boolean haltsBulk() {
        return nature == Nature.HALTS_BULK || nature == Nature.RETRYABLE_HALTS_BULK;
    }

    /**
     * The general advice for this kind; an outcome may give more precise advice.
     *
     * @return one sentence a support engineer can act on
     */
    public String remedy() {
        return remedy;
    }
}
