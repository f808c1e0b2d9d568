package io.groupkit.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider refused without a reason (WhatsApp's bare {@code addParticipant: false}) and the
 * connector could not narrow it down; {@link #possibleReasons()} lists what remains possible.
 *
 * @param detail what the provider answered
 * @param possibleReasons the reasons that the connector's checks could not rule out
 * @param inviteLink the group's invite link, when the fallback attached it
 * @param inviteSent whether the fallback sent the link to the person
 */
public record NotAdded(ProviderDetail detail, List<String> possibleReasons, Optional<InviteLink> inviteLink,
                       boolean inviteSent) implements LinkFallback {
    /**
     * Checks the fields and copies the list.
     *
     * @param detail what the provider answered
     * @param possibleReasons the remaining reasons
     * @param inviteLink the attached link, or empty
     * @param inviteSent whether the link was sent
     */
    public NotAdded {
        Objects.requireNonNull(detail, "detail must not be null");
        possibleReasons = List.copyOf(possibleReasons);
        Objects.requireNonNull(inviteLink, "inviteLink must not be null (use Optional.empty())");
    }

    /**
     * A refusal with its possible reasons and no link yet.
     *
     * @param detail what the provider answered
     * @param possibleReasons the remaining reasons
     */
    public NotAdded(ProviderDetail detail, List<String> possibleReasons) {
        this(detail, possibleReasons, Optional.empty(), false);
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.NOT_ADDED;
    }

    @Override
    public NotAdded withInvite(InviteLink link, boolean sent) {
        return new NotAdded(detail, possibleReasons, Optional.of(link), sent);
    }
}
