package io.groupkit.core;

import java.util.Objects;

/**
 * The request was sent but no answer came, and membership could not be checked. The change may or may not have happened; GroupKit never reports such a call as done without checking.
 *
 * @param detail what the provider answered
 */
public record Indeterminate(ProviderDetail detail) implements AddResult, RemoveResult, ActionResult, DecisionResult {
    /**
     * Checks the detail.
     *
     * @param detail what the provider answered
     */
    public Indeterminate {
        Objects.requireNonNull(detail, "detail must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.INDETERMINATE;
    }
}
