package io.groupkit.core;

import java.util.Objects;

/**
 * The group or the person does not exist, or the account cannot see it.
 *
 * @param detail what the provider answered
 * @param subject which of the two was not found
 */
public record NotFound(ProviderDetail detail, Subject subject)
        implements Failure {

    /** What was not found. */
    public enum Subject {
        /** The group. */
        GROUP,
        /** The person. */
        MEMBER
    }

    /**
     * Checks the fields.
     *
     * @param detail what the provider answered
     * @param subject what was not found
     */
    public NotFound {
        Objects.requireNonNull(detail, "detail must not be null");
        Objects.requireNonNull(subject, "subject must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.NOT_FOUND;
    }

    /** A missing group stops a bulk run; a missing person does not. */
    @Override
    public boolean haltsBulk() {
        return subject == Subject.GROUP;
    }
}
