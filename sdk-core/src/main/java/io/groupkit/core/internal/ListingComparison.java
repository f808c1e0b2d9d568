package io.groupkit.core.internal;

import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.MemberRole;
import io.groupkit.core.Members;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.events.Demoted;
import io.groupkit.core.events.EventSource;
import io.groupkit.core.events.EventTime;
import io.groupkit.core.events.Invitation;
import io.groupkit.core.events.InvitationState;
import io.groupkit.core.events.JoinHow;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.Left;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.events.Promoted;
import io.groupkit.core.events.Removed;
import io.groupkit.core.spi.WatchSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What changed between a group's last accepted listing and a new one: the events (joins explained
 * by invitations and by what the provider pushed), the state to save, or a verdict that the new
 * listing is doubtful. Event ids are a hash of the scope, the listing's generation, the kind and
 * the person, so the same comparison made again (after a crash before its state was saved) makes
 * the same ids.
 */
final class ListingComparison {
    private final WatchSource source;

    ListingComparison(WatchSource source) {
        this.source = source;
    }

    /** An invitation to close: the person joined. */
    record Close(String invitationId, Instant at, String eventId) {
    }

    /**
     * The outcome of a comparison.
     *
     * @param state the state to save
     * @param doubtful whether the listing was held back
     * @param lost how many people the listing lost
     * @param closes invitations the joins explain
     */
    record Result(WatchState state, boolean doubtful, int lost, List<Close> closes) {
    }

    Result compare(String scope, GroupRef group, WatchState before, Members listing, Instant now, PushedHints hints,
                   Function<GroupRef, List<Invitation>> invitations) {
        Map<String, GroupMember> current = new LinkedHashMap<>();
        for (GroupMember m : listing.members()) {
            current.putIfAbsent(EventCodec.member(m.member()), m);
        }
        long generation = before.generation() + 1;
        if (!before.baselined()) {
            return new Result(new WatchState(generation, now, current, List.of(), "", aliases(before, current, Map.of())),
                    false, 0, List.of());
        }
        List<String> gone = new ArrayList<>();
        for (String key : before.members().keySet()) {
            if (!current.containsKey(key)) {
                gone.add(key);
            }
        }
        // A person the provider names another way now (a number shown where a lid stood) is still there.
        Map<String, String> renamed = renamed(before, current, gone);
        gone.removeAll(renamed.values());
        int had = before.members().size();
        boolean suspicious = (current.isEmpty() && had > 0)
                || (gone.size() >= MembershipWatch.SUSPECT_MIN && gone.size() * 2 > had);
        if (suspicious) {
            String fingerprint = fingerprint(current.keySet());
            if (!fingerprint.equals(before.doubtful())) {
                return new Result(before.doubting(fingerprint), true, gone.size(), List.of());
            }
        }
        Instant from = before.listedAt() != null ? before.listedAt() : now;
        EventTime window = new EventTime(from, now.isBefore(from) ? from : now);
        ProviderDetail detail = listing.detail();
        List<MembershipEvent> events = new ArrayList<>();
        List<Close> closes = new ArrayList<>();
        List<Invitation> open = null;
        for (Map.Entry<String, GroupMember> e : current.entrySet()) {
            GroupMember was = before.members().get(renamed.getOrDefault(e.getKey(), e.getKey()));
            GroupMember is = e.getValue();
            if (was == null) {
                String id = id(scope, generation, "JOINED", e.getKey());
                Set<String> ids = source.identities(is.member());
                Joined joined = new Joined(id, group, is.member(), window, EventSource.OBSERVED, detail, JoinHow.UNKNOWN);
                Optional<MembershipEvent> pushed = hints.take(group, "JOINED", ids);
                if (pushed.isPresent() && pushed.get() instanceof Joined p) {
                    joined = new Joined(id, group, is.member(), within(p.time(), window), EventSource.PUSHED, p.detail(),
                            p.how(), p.by(), Optional.empty(), p.link());
                }
                if (open == null) {
                    open = invitations.apply(group);
                }
                Invitation invitation = explaining(open, ids, joined.link(), id, window.to());
                if (invitation != null) {
                    Invitation closed = invitation.joinedAt().isPresent() ? invitation : invitation.joined(window.to(), id);
                    joined = joined.withInvitation(closed);
                    closes.add(new Close(invitation.id(), window.to(), id));
                }
                events.add(joined);
            } else if (rank(is.role()) > rank(was.role())) {
                events.add(new Promoted(id(scope, generation, "PROMOTED", e.getKey()), group, is.member(), window,
                        EventSource.OBSERVED, detail, is.role()));
            } else if (rank(is.role()) < rank(was.role())) {
                events.add(new Demoted(id(scope, generation, "DEMOTED", e.getKey()), group, is.member(), window,
                        EventSource.OBSERVED, detail, is.role()));
            }
        }
        for (String key : gone) {
            GroupMember was = java.util.Objects.requireNonNull(before.members().get(key));
            String id = id(scope, generation, "LEFT", key);
            Optional<MembershipEvent> pushed = hints.take(group, "REMOVED", source.identities(was.member()));
            if (pushed.isEmpty()) {
                pushed = hints.take(group, "LEFT", source.identities(was.member()));
            }
            if (pushed.isPresent() && pushed.get() instanceof Removed p) {
                events.add(new Removed(id, group, was.member(), within(p.time(), window), EventSource.PUSHED, p.detail(), p.by()));
            } else if (pushed.isPresent()) {
                events.add(new Left(id, group, was.member(), within(pushed.get().time(), window), EventSource.PUSHED,
                        pushed.get().detail()));
            } else {
                events.add(new Left(id, group, was.member(), window, EventSource.OBSERVED, detail));
            }
        }
        return new Result(new WatchState(generation, now, current, events, "", aliases(before, current, renamed)), false,
                gone.size(), closes);
    }

    /**
     * New names of people the last listing named otherwise: a key in the new listing only, mapped
     * to a gone key one of whose identities it shares.
     */
    private Map<String, String> renamed(WatchState state, Map<String, GroupMember> current, List<String> gone) {
        Map<String, GroupMember> before = state.members();
        Map<String, String> renamed = new HashMap<>();
        if (gone.isEmpty()) {
            return renamed;
        }
        Map<String, String> goneByIdentity = new HashMap<>();
        for (String key : gone) {
            for (String id : source.identities(java.util.Objects.requireNonNull(before.get(key)).member())) {
                goneByIdentity.putIfAbsent(id, key);
            }
            for (String id : state.aliases().getOrDefault(key, Set.of())) {
                goneByIdentity.putIfAbsent(id, key);
            }
        }
        Set<String> taken = new HashSet<>();
        for (Map.Entry<String, GroupMember> e : current.entrySet()) {
            if (before.containsKey(e.getKey())) {
                continue;
            }
            for (String id : source.identities(e.getValue().member())) {
                String was = goneByIdentity.get(id);
                if (was != null && taken.add(was)) {
                    renamed.put(e.getKey(), was);
                    break;
                }
            }
        }
        return renamed;
    }

    /**
     * The identities of members known by more than one name, now or when last listed (a watcher
     * restarted has not learned the pairs again yet): kept for those only, so a state stays small.
     */
    private Map<String, Set<String>> aliases(WatchState before, Map<String, GroupMember> current, Map<String, String> renamed) {
        Map<String, Set<String>> aliases = new LinkedHashMap<>();
        for (Map.Entry<String, GroupMember> e : current.entrySet()) {
            Set<String> ids = new TreeSet<>(source.identities(e.getValue().member()));
            ids.addAll(before.aliases().getOrDefault(renamed.getOrDefault(e.getKey(), e.getKey()), Set.of()));
            if (ids.size() > 1) {
                aliases.put(e.getKey(), ids);
            }
        }
        return aliases;
    }

    private @Nullable Invitation explaining(List<Invitation> open, Set<String> joinIds, Optional<String> link,
                                            String eventId, Instant seen) {
        return explaining(source, open, joinIds, link, eventId, seen);
    }

    /**
     * The invitation that explains a join: one this join already closed (the same comparison made
     * again), else the one whose link the provider says was used, else the latest one still pending
     * for this person when they were seen.
     */
    static @Nullable Invitation explaining(WatchSource source, List<Invitation> open, Set<String> joinIds,
                                           Optional<String> link, String eventId, Instant seen) {
        Invitation best = null;
        for (Invitation i : open) {
            if (i.joinEventId().filter(eventId::equals).isPresent()) {
                return i;
            }
        }
        if (link.isPresent()) {
            // The provider named the link: the invitation that sent it explains the join, whoever
            // followed it, and no other does (a shared link is not anyone's invitation).
            // A shared link recorded for several people explains only the join of one of them; a
            // personal link (the only invitation with it) explains whoever followed it.
            List<Invitation> sent = open.stream().filter(i -> i.link().equals(link.get()) && i.joinedAt().isEmpty()).toList();
            for (Invitation i : sent) {
                if (overlaps(source.identities(i.member()), joinIds)) {
                    return i;
                }
            }
            boolean personal = sent.size() == 1 && open.stream().filter(i -> i.link().equals(link.get())).count() == 1;
            return personal ? sent.get(0) : null;
        }
        for (Invitation i : open) {
            // Already closed by another join, sent after the person was seen, or expired before: not this one.
            // Providers date a join to the second: an invitation of the join's own second may precede it.
            Instant latest = seen.plusSeconds(1);
            if (i.joinedAt().isPresent() || i.invitedAt().isAfter(latest) || i.state(seen) == InvitationState.EXPIRED) {
                continue;
            }
            if (!overlaps(source.identities(i.member()), joinIds)) {
                continue;
            }
            if (best == null || i.invitedAt().isAfter(best.invitedAt())) {
                best = i;
            }
        }
        return best;
    }

    private static boolean overlaps(Set<String> a, Set<String> b) {
        Set<String> small = a.size() <= b.size() ? a : b;
        Set<String> large = small == a ? b : a;
        for (String s : small) {
            if (large.contains(s)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pushed time when it falls in the listing's window; else the window (a clock apart is not
     * trusted, nor a push about an earlier change that an earlier listing already showed). The window
     * opens a second early: providers date their events to the second.
     */
    private static EventTime within(EventTime pushed, EventTime window) {
        boolean inside = !pushed.from().isAfter(window.to())
                && !pushed.to().isBefore(window.from().minusSeconds(1));
        return inside ? pushed : window;
    }

    private static int rank(MemberRole role) {
        return switch (role) {
            case MEMBER -> 0;
            case ADMIN -> 1;
            case OWNER -> 2;
        };
    }

    static String id(String scope, long generation, String kind, String member) {
        return hex(scope + "\n" + generation + "\n" + kind + "\n" + member);
    }

    private static String fingerprint(Set<String> keys) {
        return hex(String.join("\n", new TreeSet<>(keys)));
    }

    private static String hex(String text) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
