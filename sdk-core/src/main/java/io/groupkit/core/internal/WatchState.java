package io.groupkit.core.internal;

import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.events.MembershipEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a watch has seen of one group, as saved in the store: the last listing it accepted, the
 * events that listing produced and that are not delivered yet (oldest first), and a doubtful
 * listing waiting to be confirmed.
 *
 * @param generation how many listings were accepted; part of every event id
 * @param listedAt when the last accepted listing was taken, or null before the first
 * @param members the last accepted listing, by {@link EventCodec#member}
 * @param pending events not yet delivered
 * @param doubtful a fingerprint of a listing held back as doubtful, or empty
 * @param aliases for members the provider knew by more than one name when listed, their
 *     identities then: a watcher restarted before it learns the pairs again (a number behind a lid)
 *     still knows the person
 * @param feed where the next read of the group's own record of changes starts
 *     ({@link io.groupkit.core.spi.WatchSource#groupEvents}), or empty while the group is followed
 *     by listings alone; {@code listedAt} and {@code members} are then as of the last read
 */
record WatchState(long generation, @Nullable Instant listedAt, Map<String, GroupMember> members,
                  List<MembershipEvent> pending, String doubtful, Map<String, Set<String>> aliases, String feed) {
    private static final String HEADER = "groupkit-watch 1";

    static final WatchState NEW = new WatchState(0, null, Map.of(), List.of(), "");

    WatchState {
        members = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(members));
        pending = List.copyOf(pending);
        aliases = Map.copyOf(aliases);
    }

    WatchState(long generation, @Nullable Instant listedAt, Map<String, GroupMember> members, List<MembershipEvent> pending,
               String doubtful, Map<String, Set<String>> aliases) {
        this(generation, listedAt, members, pending, doubtful, aliases, "");
    }

    WatchState(long generation, @Nullable Instant listedAt, Map<String, GroupMember> members, List<MembershipEvent> pending,
               String doubtful) {
        this(generation, listedAt, members, pending, doubtful, Map.of());
    }

    WatchState withFeed(String cursor) {
        return new WatchState(generation, listedAt, members, pending, doubtful, aliases, cursor);
    }

    /** Following the group's own record: the state to read on from. */
    boolean following() {
        return baselined() && !feed.isEmpty();
    }

    boolean baselined() {
        return listedAt != null;
    }

    WatchState delivered() {
        return new WatchState(generation, listedAt, members, pending.subList(1, pending.size()), doubtful, aliases, feed);
    }

    WatchState doubting(String fingerprint) {
        return new WatchState(generation, listedAt, members, pending, fingerprint, aliases, feed);
    }

    String encode() {
        return encode(false);
    }

    /**
     * The state as text; {@code withGroups} for an account's state, whose pending events belong to
     * several groups (each line then names its group).
     */
    String encode(boolean withGroups) {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        b.append("g ").append(generation).append(' ').append(listedAt == null ? "-" : Long.toString(listedAt.toEpochMilli()))
                .append(' ').append(doubtful.isEmpty() ? "-" : doubtful).append('\n');
        members.values().forEach(m -> b.append("m ").append(EventCodec.groupMember(m)).append('\n'));
        aliases.forEach((key, ids) -> {
            b.append("a ").append(EventCodec.enc(key));
            ids.stream().sorted().forEach(id -> b.append(' ').append(EventCodec.enc(id)));
            b.append('\n');
        });
        if (!feed.isEmpty()) {
            b.append("f ").append(EventCodec.enc(feed)).append('\n');
        }
        pending.forEach(e -> {
            if (withGroups) {
                b.append("p ").append(EventCodec.enc(e.group().key())).append(' ');
            } else {
                b.append("e ");
            }
            b.append(EventCodec.event(e)).append('\n');
        });
        return b.toString();
    }

    static WatchState decode(Optional<String> saved, GroupRef group) {
        return decode(saved, group, java.util.Map.of());
    }

    /**
     * An account's state: each pending event's group found among the watched ones by its key (an
     * event of a group no longer watched is dropped).
     */
    static WatchState decode(Optional<String> saved, GroupRef group, Map<String, GroupRef> groups) {
        if (saved.isEmpty() || saved.get().isEmpty()) {
            return NEW;
        }
        String[] lines = saved.get().split("\n");
        if (!lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("not a watch state this version can read: it starts with '"
                    + lines[0].substring(0, Math.min(40, lines[0].length())) + "'");
        }
        long generation = 0;
        Instant listedAt = null;
        String doubtful = "";
        Map<String, GroupMember> members = new LinkedHashMap<>();
        List<MembershipEvent> pending = new ArrayList<>();
        Map<String, Set<String>> aliases = new LinkedHashMap<>();
        String feed = "";
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("g ")) {
                String[] f = line.split(" ");
                generation = Long.parseLong(f[1]);
                listedAt = f[2].equals("-") ? null : Instant.ofEpochMilli(Long.parseLong(f[2]));
                doubtful = f[3].equals("-") ? "" : f[3];
            } else if (line.startsWith("m ")) {
                GroupMember m = EventCodec.groupMember(line.substring(2));
                members.put(EventCodec.member(m.member()), m);
            } else if (line.startsWith("a ")) {
                String[] f = line.substring(2).split(" ");
                Set<String> ids = new java.util.LinkedHashSet<>();
                for (int j = 1; j < f.length; j++) {
                    ids.add(EventCodec.dec(f[j]));
                }
                aliases.put(EventCodec.dec(f[0]), ids);
            } else if (line.startsWith("f ")) {
                feed = EventCodec.dec(line.substring(2));
            } else if (line.startsWith("p ")) {
                int space = line.indexOf(' ', 2);
                GroupRef of = groups.get(EventCodec.dec(line.substring(2, space)));
                if (of != null) {
                    pending.add(EventCodec.event(line.substring(space + 1), of));
                }
            } else if (line.startsWith("e ")) {
                pending.add(EventCodec.event(line.substring(2), group));
            } else if (!line.isEmpty()) {
                throw new IllegalArgumentException("a watch state line of unknown kind '" + line.charAt(0) + "'");
            }
        }
        return new WatchState(generation, listedAt, members, pending, doubtful, aliases, feed);
    }
}
