package io.groupkit.core.events;

import io.groupkit.core.EventsResult;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.ProviderDetail;
import java.util.List;
import java.util.Objects;

/**
 * One read of a provider's pushed membership events, for the whole account.
 *
 * @param detail what the provider answered
 * @param events the events after the cursor asked for, oldest first; the watch keeps those of the
 *     groups it watches
 * @param cursor where the next read starts: saved only once every event here was delivered
 * @param gap whether events were lost before these (the provider keeps them for a limited time):
 *     the watch then compares listings to fill in what it missed
 */
public record EventPage(ProviderDetail detail, List<MembershipEvent> events, String cursor, boolean gap)
        implements EventsResult {
    /**
     * Checks the fields and copies the list.
     *
     * @param detail what the provider answered
     * @param events the events
     * @param cursor the next cursor
     * @param gap whether events were lost
     */
    public EventPage {
        Objects.requireNonNull(detail, "detail must not be null");
        events = List.copyOf(events);
        Objects.requireNonNull(cursor, "cursor must not be null");
    }

    @Override
    public OutcomeKind kind() {
        return OutcomeKind.EVENTS;
    }
}
