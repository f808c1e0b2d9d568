package io.groupkit.core.events;

import io.groupkit.core.InviteDelivery;
import io.groupkit.core.Member;
import io.groupkit.core.Redaction;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An invite link GroupKit attached to a refusal or sent to a person, as recorded in a
 * {@link MembershipStore}, and what came of it.
 *
 * @param id unique, chosen when recorded
 * @param account the provider account ({@code green-api:7103000001})
 * @param groupKey the group's {@link io.groupkit.core.GroupRef#key()}
 * @param member the person invited
 * @param link the link
 * @param invitedAt when it was attached or sent
 * @param delivery whether it was sent to the person or only attached to the outcome
 * @param expiresAt when the link stops working, if the provider said
 * @param joinedAt when the person was seen in the group (the latest moment of the join's window)
 * @param joinEventId the id of the {@link Joined} event that closed it
 */
public record Invitation(String id, String account, String groupKey, Member member, String link, Instant invitedAt,
                         InviteDelivery delivery, Optional<Instant> expiresAt, Optional<Instant> joinedAt,
                         Optional<String> joinEventId) {
    /**
     * Checks the fields.
     *
     * @param id the id
     * @param account the account
     * @param groupKey the group
     * @param member the person
     * @param link the link
     * @param invitedAt when
     * @param delivery sent or attached
     * @param expiresAt when the link expires
     * @param joinedAt when they joined
     * @param joinEventId the join's event id
     */
    public Invitation {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(account, "account must not be null");
        Objects.requireNonNull(groupKey, "groupKey must not be null");
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(link, "link must not be null");
        Objects.requireNonNull(invitedAt, "invitedAt must not be null");
        Objects.requireNonNull(delivery, "delivery must not be null");
        Objects.requireNonNull(expiresAt, "expiresAt must not be null (use Optional.empty())");
        Objects.requireNonNull(joinedAt, "joinedAt must not be null (use Optional.empty())");
        Objects.requireNonNull(joinEventId, "joinEventId must not be null (use Optional.empty())");
    }

    /**
     * Where it stands at {@code now}.
     *
     * @param now the time to judge expiry by
     * @return joined, expired or pending
     */
    public InvitationState state(Instant now) {
        if (joinedAt.isPresent()) {
            return InvitationState.JOINED;
        }
        return expiresAt.isPresent() && !now.isBefore(expiresAt.get()) ? InvitationState.EXPIRED : InvitationState.PENDING;
    }

    /**
     * How long the person took to join.
     *
     * @return from the invitation to the join, when joined; never negative (providers date joins to
     *     the second, so a join in the second of the invitation can carry an earlier time)
     */
    public Optional<Duration> tookToJoin() {
        return joinedAt.map(at -> at.isBefore(invitedAt) ? Duration.ZERO : Duration.between(invitedAt, at));
    }

    /**
     * This invitation, closed by a join.
     *
     * @param at when the person was seen in the group
     * @param eventId the join's event id
     * @return a copy
     */
    public Invitation joined(Instant at, String eventId) {
        return new Invitation(id, account, groupKey, member, link, invitedAt, delivery, expiresAt, Optional.of(at),
                Optional.of(eventId));
    }

    @Override
    public String toString() {
        return "Invitation[id=" + id + ", account=" + Redaction.maskDigitRuns(account) + ", group="
                + Redaction.maskDigitRuns(groupKey) + ", member=" + member + ", invitedAt=" + invitedAt + ", delivery="
                + delivery + joinedAt.map(at -> ", joinedAt=" + at).orElse("") + "]";
    }
}
