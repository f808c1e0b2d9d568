package io.groupkit.core;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the provider actually answered, kept on every outcome for support and reports.
 *
 * <p>The description is redacted: runs of digits that may be phone numbers are masked and it is
 * cut at {@value #MAX_DESCRIPTION} characters. Adapters remove their secrets before building it.
 *
 * @param provider the provider's name, such as {@code green-api}
 * @param code the provider's error code or the answer's short form, such as
 *     {@code USER_PRIVACY_RESTRICTED} or {@code addParticipant:false}
 * @param status the HTTP status or error number, when there was one
 * @param description the provider's description, redacted; may be empty
 * @param remedy advice more precise than {@link OutcomeKind#remedy()}, when the provider has it
 */
public record ProviderDetail(String provider, String code, OptionalInt status, String description, Optional<String> remedy) {
    /** The longest description kept. */
    public static final int MAX_DESCRIPTION = 500;

    /**
     * Checks and redacts the fields.
     *
     * @param provider the provider's name
     * @param code the code
     * @param status the status
     * @param description the description
     * @param remedy the advice
     */
    public ProviderDetail {
        Objects.requireNonNull(provider, "provider must not be null");
        Objects.requireNonNull(code, "code must not be null");
        Objects.requireNonNull(status, "status must not be null (use OptionalInt.empty())");
        Objects.requireNonNull(description, "description must not be null (use \"\")");
        Objects.requireNonNull(remedy, "remedy must not be null (use Optional.empty())");
        code = clip(Redaction.maskDigitRuns(code), 100);
        description = clip(Redaction.maskDigitRuns(description), MAX_DESCRIPTION);
    }

    /**
     * A detail with a code only.
     *
     * @param provider the provider's name
     * @param code the provider's code
     * @return the detail
     */
    public static ProviderDetail of(String provider, String code) {
        return new ProviderDetail(provider, code, OptionalInt.empty(), "", Optional.empty());
    }

    /**
     * This detail with an HTTP status or error number.
     *
     * @param newStatus the status
     * @return a copy
     */
    public ProviderDetail withStatus(int newStatus) {
        return new ProviderDetail(provider, code, OptionalInt.of(newStatus), description, remedy);
    }

    /**
     * This detail with a description; it is redacted.
     *
     * @param newDescription the description
     * @return a copy
     */
    public ProviderDetail withDescription(String newDescription) {
        return new ProviderDetail(provider, code, status, newDescription, remedy);
    }

    /**
     * This detail with advice more precise than the outcome kind's.
     *
     * @param newRemedy one sentence a support engineer can act on
     * @return a copy
     */
    public ProviderDetail withRemedy(String newRemedy) {
        return new ProviderDetail(provider, code, status, description, Optional.of(newRemedy));
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(provider).append(' ').append(code);
        status.ifPresent(s -> b.append(" (").append(s).append(')'));
        if (!description.isEmpty()) {
            b.append(": ").append(description);
        }
        return b.toString();
    }
}
