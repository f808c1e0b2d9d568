package io.groupkit.core.internal;

import io.groupkit.core.GroupRef;
import io.groupkit.core.events.MembershipEvent;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the provider pushed about watched groups, kept until a listing confirms it: the listing
 * decides that a change happened (so a pushed event is never delivered twice, nor one missed), the
 * push says how and when. In memory only: after a restart, changes are delivered from listings
 * alone, without the push's detail.
 */
final class PushedHints {
    private static final int MAX_PER_GROUP = 10_000; // a push storm must not grow without bound

    private final Map<String, Map<String, MembershipEvent>> byGroup = new HashMap<>();

    synchronized void add(GroupRef group, MembershipEvent event, Set<String> identities) {
        Map<String, MembershipEvent> hints = byGroup.computeIfAbsent(group.key(), k -> new HashMap<>());
        if (hints.size() >= MAX_PER_GROUP) {
            return;
        }
        for (String id : identities) {
            hints.put(event.kind().name() + "|" + id, event);
        }
    }

    /** The pushed event of this kind about one of these identities, taken out. */
    synchronized Optional<MembershipEvent> take(GroupRef group, String kind, Set<String> identities) {
        Map<String, MembershipEvent> hints = byGroup.get(group.key());
        if (hints == null) {
            return Optional.empty();
        }
        MembershipEvent found = null;
        for (String id : identities) {
            MembershipEvent e = hints.remove(kind + "|" + id);
            if (e != null) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }
}
