package io.groupkit.core;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One person waiting for an admin to let them into a group: a join request. A group takes them
 * when its invite link (or the group itself) asks for an admin's approval.
 *
 * <p>{@code toString()} masks phone numbers, as {@link Member} does.
 *
 * @param member the person, as the provider names them: pass it to
 *     {@link GroupMembership#approveJoinRequest} or {@link GroupMembership#declineJoinRequest}
 * @param requestedAt when they asked
 * @param inviteLink the invite link they asked through, when the provider tells it
 * @param about what they wrote with the request, when they wrote something
 * @param shownAs how the provider shows the person to people (Telegram: their {@code @username}),
 *     for an admin to tell who asked; empty when it shows none. Decide by {@link #member()}.
 */
public record JoinRequest(Member member, Instant requestedAt, Optional<String> inviteLink, Optional<String> about,
                          Optional<String> shownAs) {
    /**
     * Checks the fields.
     *
     * @param member the person
     * @param requestedAt when they asked
     * @param inviteLink the link used, or empty
     * @param about their text, or empty
     * @param shownAs the person's name as shown, or empty
     */
    public JoinRequest {
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(requestedAt, "requestedAt must not be null");
        Objects.requireNonNull(inviteLink, "inviteLink must not be null (use Optional.empty())");
        Objects.requireNonNull(about, "about must not be null (use Optional.empty())");
        Objects.requireNonNull(shownAs, "shownAs must not be null (use Optional.empty())");
    }

    /**
     * A request whose person the provider shows by nothing more than {@code member}.
     *
     * @param member the person
     * @param requestedAt when they asked
     * @param inviteLink the link used, or empty
     * @param about their text, or empty
     */
    public JoinRequest(Member member, Instant requestedAt, Optional<String> inviteLink, Optional<String> about) {
        this(member, requestedAt, inviteLink, about, Optional.empty());
    }
}
