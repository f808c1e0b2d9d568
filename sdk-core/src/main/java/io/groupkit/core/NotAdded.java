package io.groupkit.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider refused without a reason (WhatsApp's bare {@code addParticipant: false}) and the
 * adapter's checks could not narrow it down; {@link #possibleReasons()} lists what remains possible, in
 * the order worth checking.
 *
 * @param detail what the provider answered
 * @param possibleReasons the reasons that the adapter's checks could not rule out
 * @param inviteLink the group's invite link, when the fallback attached it
 * @param delivery whether the fallback sent the link to the person
 */
public record NotAdded(ProviderDetail detail, List<Reason> possibleReasons, Optional<InviteLink> inviteLink,
                       InviteDelivery delivery) implements LinkFallback {
    /**
     * Checks the fields and copies the list.
     *
     * @param detail what the provider answered
     * @param possibleReasons the remaining reasons
     * @param inviteLink the attached link, or empty
     * @param delivery whether the link was sent
     */
    public NotAdded {
        Objects.requireNonNull(detail, "detail must not be null");
        possibleReasons = List.copyOf(possibleReasons);
        Objects.requireNonNull(inviteLink, "inviteLink must not be null (use Optional.empty())");
        Objects.requireNonNull(delivery, "delivery must not be null");
    }

    /**
     * A refusal with its possible reasons and no link yet.
     *
     * @param detail what the provider answered
     * @param possibleReasons the remaining reasons
     */
    public NotAdded(ProviderDetail detail, List<Reason> possibleReasons) {
        this(detail, possibleReasons, Optional.empty(), InviteDelivery.NOT_SENT);
    }

    /** Why a refusal without a reason may have happened. */
    public enum Reason {
        /** The account is not an admin of the group (listed when this could not be checked). */
        NOT_ADMIN("the account is not an admin of the group (not checked: the group's data could not be read)"),
        /** The number is not in the phone's contacts (listed when this could not be checked). */
        NOT_IN_CONTACTS("the number is not in the phone's contacts (not checked: the contacts could not be read)"),
        /** The person's privacy settings forbid being added to groups. */
        PRIVACY("the person's privacy settings forbid being added to groups"),
        /** The messenger itself keeps the person out of groups (a restriction or ban of theirs). */
        RESTRICTED_BY_PROVIDER("the messenger restricts this person from joining groups"),
        /** The group's settings do not allow adding them. */
        GROUP_SETTINGS("the group's settings do not allow adding them"),
        /** The person was in the group before and left or was removed. */
        LEFT_OR_REMOVED_BEFORE("the person was in the group before and left or was removed");

        private final String description;

        Reason(String description) {
            this.description = description;
        }

        /**
         * The reason in words, for people.
         *
         * @return the description
         */
        public String description() {
            return description;
        }
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.NOT_ADDED;
    }

    @Override
    public NotAdded withInvite(InviteLink link, InviteDelivery delivery) {
        return new NotAdded(detail, possibleReasons, Optional.of(link), delivery);
    }
}
