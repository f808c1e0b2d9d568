package io.groupkit.core;

import java.util.Objects;

/**
 * Bitrix24's {@code ACCESS_DENIED_EXTEND}: the bot is not the owner of the chat. {@link #remedy()} names the fixes.
 *
 * @param detail what the provider answered
 */
public record AccessDeniedExtend(ProviderDetail detail) implements AddResult, RemoveResult {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     */
    public AccessDeniedExtend {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.ACCESS_DENIED_EXTEND;
    }
}
