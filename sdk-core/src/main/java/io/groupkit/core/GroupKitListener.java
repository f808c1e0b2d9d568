package io.groupkit.core;

import io.groupkit.core.spi.MembershipCheck;
import java.time.Duration;
import java.util.Objects;

/**
 * Told what GroupKit does, for metrics, tracing and logs of your own: each call's start and end,
 * each attempt, each wait for a permit, each retry, each lost answer settled, each invite-link
 * fallback, and a bulk run's progress and end. Every method does nothing by default: override what
 * you need, and set it with {@link Policies.Builder#listener(GroupKitListener)}.
 *
 * <p>Methods run on whichever thread the event happens on (the caller's, the provider's I/O, the
 * time source's), so keep them short and never block. A listener that throws is logged once and
 * ignored for that event; it never changes a call's outcome. Events carry no phone number and no
 * secret: a {@link Call} names only the provider and the operation.
 */
public interface GroupKitListener {

    /** A listener that does nothing, the default. */
    GroupKitListener NONE = new GroupKitListener() {
        @Override
        public String toString() {
            return "GroupKitListener.NONE";
        }
    };

    /**
     * One call of the client (an add, a removal, a listing, a provider-specific operation), the
     * same object in every event about it.
     *
     * @param id unique within the JVM, increasing
     * @param provider the provider's name, such as {@code green-api}
     * @param operation {@code ADD}, {@code REMOVE}, {@code INVITE_LINK}, {@code MEMBERS}, {@code GROUPS},
     *     or a provider-specific operation's name such as {@code createGroup}
     */
    record Call(long id, String provider, String operation) {
        /**
         * Checks the fields.
         *
         * @param id the id
         * @param provider the provider
         * @param operation the operation
         */
        public Call {
            Objects.requireNonNull(provider, "provider must not be null");
            Objects.requireNonNull(operation, "operation must not be null");
        }
    }

    /**
     * A call began (before its pre-checks and its first wait).
     *
     * @param call the call
     */
    default void callStarted(Call call) {
    }

    /**
     * A call ended with its final outcome.
     *
     * @param call the call
     * @param outcome the outcome the caller gets
     * @param took from start to end, on the client's time source
     */
    default void callEnded(Call call, Outcome outcome, Duration took) {
    }

    /**
     * A call of a bulk run that was stopped or cancelled before it was sent: it has no outcome, and
     * the report lists the person as not attempted.
     *
     * @param call the call
     */
    default void callDropped(Call call) {
    }

    /**
     * One attempt is about to be sent (its permit was granted).
     *
     * @param call the call
     * @param attempt 1 for the first
     */
    default void attemptStarted(Call call, int attempt) {
    }

    /**
     * One attempt's answer, before any retry or settlement.
     *
     * @param call the call
     * @param attempt the attempt
     * @param outcome what the provider's answer came to
     * @param took from the attempt's start to its answer
     */
    default void attemptEnded(Call call, int attempt, Outcome outcome, Duration took) {
    }

    /**
     * A call waits for a permit of one of the provider's limits.
     *
     * @param call the call
     * @param limit the limit's name, such as {@code addGroupParticipant}
     * @param wait how long
     */
    default void waited(Call call, String limit, Duration wait) {
    }

    /**
     * An attempt will be retried after a wait (backoff, or what the provider asked for).
     *
     * @param call the call
     * @param nextAttempt the number of the attempt to come
     * @param because the outcome that is retried
     * @param after how long before it
     */
    default void retried(Call call, int nextAttempt, Outcome because, Duration after) {
    }

    /**
     * An attempt whose answer was lost was settled by asking the provider whether the person is in
     * the group.
     *
     * @param call the call
     * @param lost the attempt's outcome ({@link Indeterminate})
     * @param found what the check found
     * @param settled the outcome it came to (success, a safe resend, or still {@link Indeterminate})
     */
    default void settled(Call call, Outcome lost, MembershipCheck found, Outcome settled) {
    }

    /**
     * The invite-link fallback attached the group's link to a refusal, and maybe sent it.
     *
     * @param call the call
     * @param refusal the refusal with the link; its {@link LinkFallback#delivery()} says whether the
     *     provider delivered the link to the person
     */
    default void fallback(Call call, LinkFallback refusal) {
    }

    /**
     * A bulk run recorded one more outcome.
     *
     * @param provider the provider's name
     * @param progress where the run stands
     */
    default void bulkProgress(String provider, BulkProgress progress) {
    }

    /**
     * A bulk run ended.
     *
     * @param provider the provider's name
     * @param report the report the caller gets
     */
    default void bulkEnded(String provider, BulkReport report) {
    }
}
