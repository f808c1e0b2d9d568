package io.groupkit.core;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The person's privacy settings forbid being added by this account (Telegram's
 * {@code USER_PRIVACY_RESTRICTED} or a missing invitee; a WhatsApp refusal diagnosed as such).
 *
 * @param detail what the provider answered
 * @param premium what Telegram said about Premium accounts and this person (empty elsewhere)
 * @param inviteLink the group's invite link, when the fallback attached it
 * @param delivery whether the fallback sent the link to the person
 */
public record PrivacyRestricted(ProviderDetail detail, Set<Premium> premium, Optional<InviteLink> inviteLink,
                                InviteDelivery delivery) implements LinkFallback {
    /** What Telegram's {@code missingInvitee} says about Premium accounts and the person. */
    public enum Premium {
        /** The person would accept an invite from a Premium account. */
        WOULD_ALLOW_INVITE,
        /** Only Premium accounts may message the person, so a link cannot be sent to them privately either. */
        REQUIRED_FOR_MESSAGES
    }

    /**
     * Checks the fields.
     *
     * @param detail what the provider answered
     * @param premium what Telegram said about Premium accounts, or empty
     * @param inviteLink the attached link, or empty
     * @param delivery whether the link was sent
     */
    public PrivacyRestricted {
        Objects.requireNonNull(detail, "detail must not be null");
        premium = Set.copyOf(premium);
        Objects.requireNonNull(inviteLink, "inviteLink must not be null (use Optional.empty())");
        Objects.requireNonNull(delivery, "delivery must not be null");
    }

    /**
     * A privacy refusal with no flags and no link yet.
     *
     * @param detail what the provider answered
     */
    public PrivacyRestricted(ProviderDetail detail) {
        this(detail, Set.of(), Optional.empty(), InviteDelivery.NOT_SENT);
    }

    /**
     * Telegram: the person would accept an invite from a Premium account.
     *
     * @return whether {@link #premium()} has {@link Premium#WOULD_ALLOW_INVITE}
     */
    public boolean premiumWouldAllowInvite() {
        return premium.contains(Premium.WOULD_ALLOW_INVITE);
    }

    /**
     * Telegram: only Premium accounts may message the person.
     *
     * @return whether {@link #premium()} has {@link Premium#REQUIRED_FOR_MESSAGES}
     */
    public boolean premiumRequiredForPm() {
        return premium.contains(Premium.REQUIRED_FOR_MESSAGES);
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.PRIVACY_RESTRICTED;
    }

    @Override
    public PrivacyRestricted withInvite(InviteLink link, InviteDelivery delivery) {
        return new PrivacyRestricted(detail, premium, Optional.of(link), delivery);
    }
}
