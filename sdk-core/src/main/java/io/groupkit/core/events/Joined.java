package io.groupkit.core.events;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.ProviderDetail;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone is in the group who was not.
 *
 * <p>When GroupKit had sent or attached an invite link for this person (see
 * {@link io.groupkit.core.Policies.Builder#invitations(MembershipStore)}), the join carries that
 * {@link Invitation}: "joined by invitation, after 3 s". The provider's {@link #how()} is kept as
 * it said it; a join seen only by comparing listings is {@link JoinHow#UNKNOWN} until an
 * invitation explains it ({@link JoinHow#INVITE_LINK}).
 *
 * @param id a stable id, for de-duplication
 * @param group the group
 * @param member the person
 * @param time when it happened
 * @param source pushed by the provider or observed by comparing listings
 * @param detail what the provider said
 * @param how how they came in, as far as known
 * @param by who added them, when the provider says
 * @param invitation the invitation GroupKit recorded for this person and group, when there was one
 * @param link the invite link they came in by, when the provider says (Telegram's admin log does);
 *     a join through a link GroupKit made for someone is explained by that person's invitation
 */
public record Joined(String id, GroupRef group, Member member, EventTime time, EventSource source, ProviderDetail detail,
                     JoinHow how, Optional<Member> by, Optional<Invitation> invitation, Optional<String> link)
        implements MembershipEvent {
    /**
     * Checks the fields.
     *
     * @param id the id
     * @param group the group
     * @param member the person
     * @param time when
     * @param source how it was learned
     * @param detail what the provider said
     * @param how how they came in
     * @param by who added them
     * @param invitation the invitation that explains it
     * @param link the invite link used
     */
    public Joined {
        EventFields.check(id, group, member, time, source, detail);
        Objects.requireNonNull(how, "how must not be null (use JoinHow.UNKNOWN)");
        Objects.requireNonNull(by, "by must not be null (use Optional.empty())");
        Objects.requireNonNull(invitation, "invitation must not be null (use Optional.empty())");
        Objects.requireNonNull(link, "link must not be null (use Optional.empty())");
    }

    /**
     * A join with no link named.
     *
     * @param id the id
     * @param group the group
     * @param member the person
     * @param time when
     * @param source how it was learned
     * @param detail what the provider said
     * @param how how they came in
     * @param by who added them
     * @param invitation the invitation that explains it
     */
    public Joined(String id, GroupRef group, Member member, EventTime time, EventSource source, ProviderDetail detail,
                  JoinHow how, Optional<Member> by, Optional<Invitation> invitation) {
        this(id, group, member, time, source, detail, how, by, invitation, Optional.empty());
    }

    /**
     * A join the provider or a listing showed, with no invitation attached yet.
     *
     * @param id the id
     * @param group the group
     * @param member the person
     * @param time when
     * @param source how it was learned
     * @param detail what the provider said
     * @param how how they came in
     */
    public Joined(String id, GroupRef group, Member member, EventTime time, EventSource source, ProviderDetail detail,
                  JoinHow how) {
        this(id, group, member, time, source, detail, how, Optional.empty(), Optional.empty());
    }

    /**
     * Whether GroupKit had invited this person to this group before they joined.
     *
     * @return true if an invitation is attached
     */
    public boolean byInvitation() {
        return invitation.isPresent();
    }

    /**
     * How long after the invitation they joined: from the invitation to the latest moment the
     * join can have happened.
     *
     * @return the time taken, when joined by invitation; never negative (a provider's time is whole
     *     seconds, so a join in the second of the invitation can carry an earlier time)
     */
    public Optional<Duration> afterInvitation() {
        return invitation.map(i -> time.to().isBefore(i.invitedAt()) ? Duration.ZERO : Duration.between(i.invitedAt(), time.to()));
    }

    /**
     * This join explained by an invitation; an unknown {@link #how()} becomes {@link JoinHow#INVITE_LINK}.
     *
     * @param used the invitation
     * @return a copy
     */
    public Joined withInvitation(Invitation used) {
        return new Joined(id, group, member, time, source, detail, how == JoinHow.UNKNOWN ? JoinHow.INVITE_LINK : how, by,
                Optional.of(used), link);
    }

    @Override
    public EventKind kind() {
        return EventKind.JOINED;
    }

    @Override
    public String toString() {
        return EventFields.describe(this) + ", how=" + how + by.map(m -> ", by=" + m).orElse("")
                + invitation.map(i -> ", invitation=" + i.id()).orElse("") + (link.isPresent() ? ", by a link" : "") + "]";
    }
}
