package io.groupkit.core;

import java.util.Objects;

/**
 * The operation was carried out (a group renamed, an admin set, a group left, a number found to
 * have an account).
 *
 * @param detail what the provider answered
 */
public record Done(ProviderDetail detail) implements ActionResult, DecisionResult {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     */
    public Done {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.DONE;
    }
}
