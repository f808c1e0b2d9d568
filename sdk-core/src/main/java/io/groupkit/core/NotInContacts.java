package io.groupkit.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The person must be in the account's contacts (or a mutual contact) before the account can add
 * them (Telegram's {@code USER_NOT_MUTUAL_CONTACT}; a WhatsApp refusal diagnosed as such).
 *
 * @param detail what the provider answered
 * @param inviteLink the group's invite link, when the fallback attached it
 * @param delivery whether the fallback sent the link to the person
 */
public record NotInContacts(ProviderDetail detail, Optional<InviteLink> inviteLink, InviteDelivery delivery)
        implements LinkFallback {
    /**
     * Checks the fields.
     *
     * @param detail what the provider answered
     * @param inviteLink the attached link, or empty
     * @param delivery whether the link was sent
     */
    public NotInContacts {
        Objects.requireNonNull(detail, "detail must not be null");
        Objects.requireNonNull(inviteLink, "inviteLink must not be null (use Optional.empty())");
        Objects.requireNonNull(delivery, "delivery must not be null");
    }

    /**
     * A contacts refusal with no link yet.
     *
     * @param detail what the provider answered
     */
    public NotInContacts(ProviderDetail detail) {
        this(detail, Optional.empty(), InviteDelivery.NOT_SENT);
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.NOT_IN_CONTACTS;
    }

    @Override
    public NotInContacts withInvite(InviteLink link, InviteDelivery delivery) {
        return new NotInContacts(detail, Optional.of(link), delivery);
    }
}
