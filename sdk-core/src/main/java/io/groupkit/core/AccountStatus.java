package io.groupkit.core;

import java.util.Objects;

/**
 * The account's state, as the provider reports it.
 *
 * @param detail what the provider answered (its own name for the state is the code)
 * @param state the state
 */
public record AccountStatus(ProviderDetail detail, AccountState state) implements ActionResult {
    /**
     * Checks the fields.
     *
     * @param detail what the provider answered
     * @param state the state
     */
    public AccountStatus {
        Objects.requireNonNull(detail, "detail must not be null");
        Objects.requireNonNull(state, "state must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.ACCOUNT_STATUS;
    }
}
