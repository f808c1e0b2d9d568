package io.groupkit.testkit.fake;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * A scripted failure of the {@link FakeProvider}, for the next calls of an operation or of a person.
 */
public final class FakeFault {
    enum Type {
        UNAVAILABLE, RATE_LIMITED, SPAM_LIMITED, UNAUTHORIZED, QUOTA_EXCEEDED, ACCESS_DENIED,
        ANSWER_LOST_AFTER_APPLYING, ANSWER_LOST_BEFORE_APPLYING, BAD_GATEWAY_AFTER_APPLYING, PROVIDER_EXCEPTION,
        UNRECOGNIZED, SLOW, HELD;

        /** Whether the change is made although the answer says otherwise. */
        boolean applies() {
            return this == ANSWER_LOST_AFTER_APPLYING || this == BAD_GATEWAY_AFTER_APPLYING;
        }
    }

    private final Type type;
    private final @Nullable Duration retryAfter;
    private final CompletionStage<?> release;

    private FakeFault(Type type, @Nullable Duration retryAfter) {
        this(type, retryAfter, CompletableFuture.completedFuture(null));
    }

    private FakeFault(Type type, @Nullable Duration retryAfter, CompletionStage<?> release) {
        this.type = type;
        this.retryAfter = retryAfter;
        this.release = release;
    }

    /**
     * A transient failure: the outcome {@link io.groupkit.core.Unavailable}, which GroupKit retries.
     *
     * @return the fault
     */
    public static FakeFault unavailable() {
        return new FakeFault(Type.UNAVAILABLE, null);
    }

    /**
     * "Too many requests", with the wait the provider asks for.
     *
     * @param retryAfter the requested wait
     * @return the fault
     */
    public static FakeFault rateLimited(Duration retryAfter) {
        Objects.requireNonNull(retryAfter, "retryAfter must not be null");
        return new FakeFault(Type.RATE_LIMITED, retryAfter);
    }

    /**
     * "Too many requests" without a requested wait.
     *
     * @return the fault
     */
    public static FakeFault rateLimited() {
        return new FakeFault(Type.RATE_LIMITED, null);
    }

    /**
     * The account is limited for spam: {@link io.groupkit.core.SpamLimited}.
     *
     * @return the fault
     */
    public static FakeFault spamLimited() {
        return new FakeFault(Type.SPAM_LIMITED, null);
    }

    /**
     * The credentials are refused: {@link io.groupkit.core.Unauthorized}.
     *
     * @return the fault
     */
    public static FakeFault unauthorized() {
        return new FakeFault(Type.UNAUTHORIZED, null);
    }

    /**
     * The quota is spent: {@link io.groupkit.core.QuotaExceeded}.
     *
     * @return the fault
     */
    public static FakeFault quotaExceeded() {
        return new FakeFault(Type.QUOTA_EXCEEDED, null);
    }

    /**
     * The account lacks rights: {@link io.groupkit.core.AccessDenied}.
     *
     * @return the fault
     */
    public static FakeFault accessDenied() {
        return new FakeFault(Type.ACCESS_DENIED, null);
    }

    /**
     * The change is made but the answer is lost: {@link io.groupkit.core.Indeterminate}, while the
     * person is in fact added (or removed).
     *
     * @return the fault
     */
    public static FakeFault answerLostAfterApplying() {
        return new FakeFault(Type.ANSWER_LOST_AFTER_APPLYING, null);
    }

    /**
     * The change is made but a gateway in front of the provider answers 502: a retryable
     * {@link io.groupkit.core.Unavailable}, as Green-API's documents advise retrying a 502, while
     * the person is in fact added (or removed). The retry then finds the change made.
     *
     * @return the fault
     */
    public static FakeFault badGatewayAfterApplying() {
        return new FakeFault(Type.BAD_GATEWAY_AFTER_APPLYING, null);
    }

    /**
     * The answer is lost and the change was not made: {@link io.groupkit.core.Indeterminate}.
     *
     * @return the fault
     */
    public static FakeFault answerLostBeforeApplying() {
        return new FakeFault(Type.ANSWER_LOST_BEFORE_APPLYING, null);
    }

    /**
     * The provider fails with an exception instead of an outcome (a bug in an adapter), to test
     * that GroupKit still answers with an outcome ({@code CONNECTOR_FAILURE}).
     *
     * @return the fault
     */
    public static FakeFault providerException() {
        return new FakeFault(Type.PROVIDER_EXCEPTION, null);
    }

    /**
     * The old name of {@link #providerException()}.
     *
     * @return the fault
     * @deprecated use {@link #providerException()}: "provider" is the name of an SPI implementation; removed in 0.2
     */
    @Deprecated(since = "0.1", forRemoval = true)
    public static FakeFault connectorException() {
        return providerException();
    }

    /**
     * An answer GroupKit does not know: {@link io.groupkit.core.Unrecognized}.
     *
     * @return the fault
     */
    public static FakeFault unrecognized() {
        return new FakeFault(Type.UNRECOGNIZED, null);
    }

    /**
     * The call is answered normally, but only after {@code extra} more than the usual latency;
     * past the client's attempt timeout, GroupKit stops waiting and settles it as a lost answer.
     *
     * @param extra the added delay
     * @return the fault
     */
    public static FakeFault slow(Duration extra) {
        Objects.requireNonNull(extra, "extra must not be null");
        return new FakeFault(Type.SLOW, extra);
    }

    /**
     * The call is answered normally, but not before {@code release} completes (in any way): for
     * tests that a caller is not blocked while a call is under way.
     *
     * @param release when the answer may come
     * @return the fault
     */
    public static FakeFault held(CompletionStage<?> release) {
        Objects.requireNonNull(release, "release must not be null");
        return new FakeFault(Type.HELD, null, release);
    }

    Type type() {
        return type;
    }

    /** What a held call waits for; completed for every other fault. */
    CompletionStage<?> release() {
        return release;
    }

    /** The requested wait, or for {@link #slow(Duration)} the added delay. */
    @Nullable Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public String toString() {
        return "FakeFault[" + type + (retryAfter == null ? "" : ", retryAfter=" + retryAfter) + "]";
    }
}
