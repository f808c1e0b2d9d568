package io.groupkit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The person's privacy settings forbid being added by this account (Telegram's
 * {@code USER_PRIVACY_RESTRICTED} or a missing invitee; a WhatsApp refusal diagnosed as such).
 *
 * @param detail what the provider answered
 * @param premiumWouldAllowInvite Telegram: the person would accept an invite from a Premium account
 * @param premiumRequiredForPm Telegram: only Premium accounts may message the person, so a link
 *     cannot be sent to them privately either
 * @param inviteLink the group's invite link, when the fallback attached it
 * @param inviteSent whether the fallback sent the link to the person
 */
public record PrivacyRestricted(ProviderDetail detail, boolean premiumWouldAllowInvite, boolean premiumRequiredForPm,
                                Optional<InviteLink> inviteLink, boolean inviteSent) implements LinkFallback {
    /**
     * Checks the fields.
     *
     * @param detail what the provider answered
     * @param premiumWouldAllowInvite see the record's description
     * @param premiumRequiredForPm see the record's description
     * @param inviteLink the attached link, or empty
     * @param inviteSent whether the link was sent
     */
    public PrivacyRestricted {
        Objects.requireNonNull(detail, "detail must not be null");
        Objects.requireNonNull(inviteLink, "inviteLink must not be null (use Optional.empty())");
    }

    /**
     * A privacy refusal with no flags and no link yet.
     *
     * @param detail what the provider answered
     */
    public PrivacyRestricted(ProviderDetail detail) {
        this(detail, false, false, Optional.empty(), false);
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.PRIVACY_RESTRICTED;
    }

    @Override
    public PrivacyRestricted withInvite(InviteLink link, boolean sent) {
        return new PrivacyRestricted(detail, premiumWouldAllowInvite, premiumRequiredForPm, Optional.of(link), sent);
    }
}
