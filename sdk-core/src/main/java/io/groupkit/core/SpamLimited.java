package io.groupkit.core;

import java.util.Objects;

/**
 * The provider suspects spam and has limited the account (WhatsApp's yellow card, Telegram's {@code PEER_FLOOD}): stop, do not retry. A bulk run stops here.
 *
 * @param detail what the provider answered
 */
public record SpamLimited(ProviderDetail detail) implements Failure {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     */
    public SpamLimited {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.SPAM_LIMITED;
    }
}
