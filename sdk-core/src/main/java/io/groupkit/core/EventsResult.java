package io.groupkit.core;

/**
 * What came of reading a provider's pushed membership events (an SPI result: watches read them,
 * callers see the events).
 *
 * <p>On Java 21, switch over it and keep a {@code default} branch for outcomes added later.
 */
public sealed interface EventsResult extends Outcome permits io.groupkit.core.events.EventPage, Failure {
}
