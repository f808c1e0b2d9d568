package io.groupkit.testkit.telegrambot;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A group and who is in it. Guarded by the simulator's lock. */
final class SimChat {
    final long id;
    final boolean supergroup;
    final String title;
    /** People by id; a person absent here is {@code left}. The bot is kept apart, in {@link #bot}. */
    final Map<Long, Member> people = new LinkedHashMap<>();
    /** Pending join requests by person, in the order they came, with the link each came through. */
    final Map<Long, @Nullable SimLink> requests = new LinkedHashMap<>();
    Member bot = Member.ADMINISTRATOR;
    /** The supergroup a basic group was upgraded to, 0 while it was not. */
    long migratedTo;
    @Nullable SimLink primaryLink;

    SimChat(long id, boolean supergroup) {
        this.id = id;
        this.supergroup = supergroup;
        this.title = (supergroup ? "Supergroup " : "Group ") + id;
    }

    Member member(long userId) {
        return people.getOrDefault(userId, Member.LEFT);
    }

    /** The word the Bot API's errors use for this chat ("…of the supergroup chat", "…of the group chat"). */
    String kind() {
        return supergroup ? "supergroup" : "group";
    }

    String type() {
        return supergroup ? "supergroup" : "group";
    }
}
