package io.groupkit.core.journal;

import java.util.Objects;
import java.util.Optional;

/**
 * A person claimed for a run, with what the journal knows of them.
 *
 * @param person the person's key
 * @param underWay whether a call was about to be sent and no outcome followed (a crash, or a
 *     worker whose lease ran out): GroupKit checks their membership before it sends anything
 * @param outcome the last outcome recorded, when it was not final (a failure to retry, a lost answer)
 */
public record JournalClaim(String person, boolean underWay, Optional<String> outcome) {
    /**
     * Checks the fields.
     *
     * @param person not null
     * @param underWay whether under way
     * @param outcome not null
     */
    public JournalClaim {
        Objects.requireNonNull(person, "person must not be null");
        Objects.requireNonNull(outcome, "outcome must not be null (use Optional.empty())");
    }
}
