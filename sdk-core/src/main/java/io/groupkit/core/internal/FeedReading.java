package io.groupkit.core.internal;

import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.MemberRole;
import io.groupkit.core.events.Demoted;
import io.groupkit.core.events.EventPage;
import io.groupkit.core.events.Invitation;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.Promoted;
import io.groupkit.core.spi.WatchSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A page of a group's own record of changes applied to what the watch knows of the group: the
 * events to deliver, in the provider's order, and the member map kept current. A change the map
 * already shows is dropped, not delivered: the baseline listing, or the listing that filled a gap,
 * can show a change the record then reports again (it happened between the two reads).
 */
final class FeedReading {
    private final WatchSource source;

    FeedReading(WatchSource source) {
        this.source = source;
    }

    /**
     * The outcome of applying a page.
     *
     * @param state the state to save: the events pending, the page's cursor
     * @param closes invitations the joins explain
     * @param dropped changes the map already showed
     */
    record Result(WatchState state, List<ListingComparison.Close> closes, int dropped) {
    }

    Result apply(GroupRef group, WatchState before, EventPage page, Instant now,
                 Function<GroupRef, List<Invitation>> invitations) {
        Map<String, GroupMember> members = new LinkedHashMap<>(before.members());
        List<MembershipEvent> events = new ArrayList<>(before.pending());
        List<ListingComparison.Close> closes = new ArrayList<>();
        List<Invitation> open = null;
        int dropped = 0;
        for (MembershipEvent e : page.events()) {
            String key = EventCodec.member(e.member());
            GroupMember was = members.get(key);
            MembershipEvent delivered = e;
            switch (e.kind()) {
                case JOINED -> {
                    if (was != null) {
                        dropped++;
                        continue;
                    }
                    members.put(key, new GroupMember(e.member(), MemberRole.MEMBER));
                    Joined joined = (Joined) e;
                    if (joined.invitation().isEmpty()) {
                        if (open == null) {
                            open = invitations.apply(group);
                        }
                        Invitation invitation = ListingComparison.explaining(source, open, source.identities(e.member()),
                                joined.link(), e.id(), e.time().to());
                        if (invitation != null) {
                            Invitation closed = invitation.joinedAt().isPresent() ? invitation
                                    : invitation.joined(e.time().to(), e.id());
                            delivered = joined.withInvitation(closed);
                            closes.add(new ListingComparison.Close(invitation.id(), e.time().to(), e.id()));
                            open = replace(open, closed);
                        }
                    }
                }
                case LEFT, REMOVED -> {
                    if (was == null) {
                        dropped++;
                        continue;
                    }
                    members.remove(key);
                }
                case PROMOTED, DEMOTED -> {
                    MemberRole role = e instanceof Promoted p ? p.role() : ((Demoted) e).role();
                    if (was != null && was.role() == role) {
                        dropped++;
                        continue;
                    }
                    members.put(key, new GroupMember(e.member(), role));
                }
                default -> {
                    // A join request changes no membership: always delivered.
                }
            }
            events.add(delivered);
        }
        WatchState after = new WatchState(before.generation(), now, members, events, "", before.aliases(), page.cursor());
        return new Result(after, closes, dropped);
    }

    /** The list with one invitation replaced by its closed copy: a link explains one join only. */
    private static List<Invitation> replace(List<Invitation> open, Invitation closed) {
        List<Invitation> copy = new ArrayList<>(open.size());
        for (Invitation i : open) {
            copy.add(i.id().equals(closed.id()) ? closed : i);
        }
        return copy;
    }
}
