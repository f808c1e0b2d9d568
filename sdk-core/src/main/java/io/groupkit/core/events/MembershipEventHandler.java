package io.groupkit.core.events;

/**
 * What you do with each event. It runs on the executor you gave the watch, one event at a time per
 * watch, in the order the changes were seen. The watch records an event as delivered only once
 * this returns: until then nothing later is delivered (a slow handler slows the watch down, it
 * never makes it drop events). If it throws, the same event is delivered again after a pause.
 */
@FunctionalInterface
public interface MembershipEventHandler {
    /**
     * Handles one event.
     *
     * @param event the event
     * @throws Exception to have it delivered again later
     */
    void handle(MembershipEvent event) throws Exception;
}
