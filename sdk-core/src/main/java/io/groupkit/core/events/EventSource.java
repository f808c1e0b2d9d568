package io.groupkit.core.events;

/** How a watch learned of a change. */
public enum EventSource {
    /** The provider told: an event of its own, with its own time. */
    PUSHED,
    /** Seen by comparing two listings of the group: it happened between them. */
    OBSERVED
}
