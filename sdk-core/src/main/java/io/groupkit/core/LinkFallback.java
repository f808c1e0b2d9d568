package io.groupkit.core;

import java.util.Optional;

/**
 * A refusal whose usual remedy is the group's invite link. With the invite-link fallback on
 * (see {@link io.groupkit.core.policy.InviteFallback}), GroupKit fetches the link, attaches it here
 * and, if asked, sends it to the person.
 */
public sealed interface LinkFallback extends AddResult permits PrivacyRestricted, NotInContacts, NotAdded {

    /**
     * The group's invite link, when the fallback ran and could get it.
     *
     * @return the link, or empty
     */
    Optional<InviteLink> inviteLink();

    /**
     * Whether the link was sent to the person through the provider.
     *
     * @return {@link InviteDelivery#SENT} if it was delivered
     */
    InviteDelivery delivery();

    /**
     * Whether the link was sent to the person.
     *
     * @return {@code delivery() == SENT}
     */
    default boolean inviteSent() {
        return delivery() == InviteDelivery.SENT;
    }

    /**
     * This outcome with the fallback's result attached.
     *
     * @param link the group's invite link
     * @param delivery whether it was sent to the person
     * @return a copy
     */
    LinkFallback withInvite(InviteLink link, InviteDelivery delivery);
}
