package io.groupkit.bitrix24.internal;

import io.groupkit.core.internal.AsyncCache;
import io.groupkit.core.time.TimeSource;
import java.time.Duration;

/**
 * The users of one portal seen in a chat (so active) or refused as inactive, for confirming that an
 * add took effect: {@code im.chat.user.add} answers {@code true} for a dismissed or unknown user too,
 * and adds nobody, so an add of a user not known to be active is read back from the chat.
 */
final class ActiveUsers {
    /** How long a user seen in a chat is taken to be active, so that an add of them needs no read-back. */
    static final Duration TTL = Duration.ofMinutes(10);

    private enum Seen { ACTIVE, INACTIVE }

    private final AsyncCache<Long, Seen> users;

    ActiveUsers(TimeSource time) {
        this.users = new AsyncCache<>(time, TTL);
    }

    /** A user a chat lists. */
    void markActive(long user) {
        users.put(user, Seen.ACTIVE);
    }

    /** A user Bitrix24 refused as not active, or that an add answered {@code true} for and the chat does not list. */
    void markInactive(long user) {
        users.put(user, Seen.INACTIVE);
    }

    /** Whether the user was seen in a chat lately (and not refused since). */
    boolean isKnownActive(long user) {
        return users.peek(user).orElse(Seen.INACTIVE) == Seen.ACTIVE;
    }
}
