package io.groupkit.core.events;

import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupRef;
import io.groupkit.core.LinkFallback;
import io.groupkit.core.Member;
import io.groupkit.core.spi.WatchSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The invitations GroupKit recorded for one account, and what came of them: "of this job's 40
 * refusals, 12 have joined". Get one with {@link io.groupkit.core.GroupMembership#invitations}.
 * Each question reads the store; a person is matched by every way the provider names them (a
 * phone and its WhatsApp chat id are one person).
 */
public final class Invitations {
    private final WatchSource source;
    private final MembershipStore store;

    private Invitations(WatchSource source, MembershipStore store) {
        this.source = source;
        this.store = store;
    }

    /**
     * A view of an account's invitations.
     *
     * @param source the account (a client's {@link io.groupkit.core.GroupMembership#watchSource()})
     * @param store where they were recorded
     * @return the view
     */
    public static Invitations of(WatchSource source, MembershipStore store) {
        return new Invitations(Objects.requireNonNull(source, "source must not be null"),
                Objects.requireNonNull(store, "store must not be null"));
    }

    /**
     * Every invitation to one group, oldest first.
     *
     * @param group the group
     * @return the invitations
     */
    public List<Invitation> toGroup(GroupRef group) {
        Objects.requireNonNull(group, "group must not be null");
        return store.invitations(source.accountKey(), Optional.of(group.key()));
    }

    /**
     * Every invitation of one person, to any group of the account, oldest first.
     *
     * @param member the person
     * @return the invitations
     */
    public List<Invitation> ofPerson(Member member) {
        Objects.requireNonNull(member, "member must not be null");
        Set<String> ids = source.identities(member);
        List<Invitation> out = new ArrayList<>();
        for (Invitation i : store.invitations(source.accountKey(), Optional.empty())) {
            if (!java.util.Collections.disjoint(ids, source.identities(i.member()))) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The invitations of a bulk run's refusals that carried a link: for each such person, the
     * latest invitation to the run's group made no later than the run's links (people whose
     * invitation was not recorded are left out).
     *
     * @param group the group the run added to
     * @param report the run's report
     * @return the invitations, in the report's order
     */
    public List<Invitation> forReport(GroupRef group, BulkReport report) {
        Objects.requireNonNull(report, "report must not be null");
        List<Invitation> all = toGroup(group);
        List<Invitation> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        report.entries().forEach(entry -> {
            if (!(entry.outcome() instanceof LinkFallback refusal) || refusal.inviteLink().isEmpty()) {
                return;
            }
            Set<String> ids = source.identities(entry.member());
            Invitation latest = null;
            for (Invitation i : all) {
                if (i.link().equals(refusal.inviteLink().get().url())
                        && !java.util.Collections.disjoint(ids, source.identities(i.member()))
                        && (latest == null || i.invitedAt().isAfter(latest.invitedAt()))) {
                    latest = i;
                }
            }
            if (latest != null && seen.add(latest.id())) {
                out.add(latest);
            }
        });
        return out;
    }

    /**
     * How many of some invitations stand where, at {@code now}.
     *
     * @param invitations the invitations
     * @param now the time to judge expiry by
     * @return a count for every state (zero included)
     */
    public static Map<InvitationState, Integer> count(List<Invitation> invitations, Instant now) {
        Map<InvitationState, Integer> counts = new EnumMap<>(InvitationState.class);
        for (InvitationState s : InvitationState.values()) {
            counts.put(s, 0);
        }
        invitations.forEach(i -> counts.merge(i.state(now), 1, Integer::sum));
        return counts;
    }

    @Override
    public String toString() {
        return "Invitations[" + io.groupkit.core.Redaction.maskDigitRuns(source.accountKey()) + "]";
    }
}
