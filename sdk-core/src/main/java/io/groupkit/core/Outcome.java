package io.groupkit.core;

/**
 * What came of one operation: a value for every answer a provider documents.
 *
 * <p>Each outcome explains itself: {@link #kind()} to branch on, {@link #detail()} with the
 * provider's own code and description, {@link #remedy()} with advice, and {@link #retryable()}.
 */
public sealed interface Outcome permits AddResult, RemoveResult, InviteLinkResult, MembersResult, GroupsResult,
        ActionResult, EventsResult, JoinRequestsResult, DecisionResult {

    /**
     * The kind of outcome.
     *
     * @return the kind
     */
    OutcomeKind kind();

    /**
     * What the provider answered.
     *
     * @return the provider's code, status and redacted description
     */
    ProviderDetail detail();

    /**
     * What to do next.
     *
     * @return one sentence a support engineer can act on
     */
    default String remedy() {
        return detail().remedy().orElse(kind().remedy());
    }

    /**
     * Whether the state the caller asked for holds; see {@link OutcomeKind#isSuccess()}.
     *
     * @return true on success
     */
    default boolean isSuccess() {
        return kind().isSuccess();
    }

    /**
     * Whether the same call may succeed later without any change. GroupKit has already retried
     * such answers as far as its retry policy allows.
     *
     * @return true if a later retry can help
     */
    default boolean retryable() {
        return kind().isRetryable();
    }

    /**
     * Whether a bulk run stops on this outcome, because every further call would fail the same
     * way or harm the account (account-wide or group-wide refusals: access denied, unauthorized,
     * quota, rate or spam limits, a group that is not found). This is the one source of the flag:
     * {@link OutcomeKind} does not carry it, since a kind alone cannot say it for every outcome.
     *
     * @return true if the run stops
     */
    default boolean haltsBulk() {
        return kind().haltsBulk();
    }
}
