package io.groupkit.core.testing;

import io.groupkit.core.AccessDenied;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.Outcome;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.QuotaExceeded;
import io.groupkit.core.RateLimited;
import io.groupkit.core.SpamLimited;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unrecognized;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ScriptedProvider} does instead of its usual answer, for the next calls of an
 * operation or of a person. The names are those of the testkit's {@code FakeFault}.
 *
 * @param kind what happens to the call
 * @param outcome the answer given, for {@link Kind#REFUSED} and {@link Kind#APPLIED}
 * @param extra the delay added, for {@link Kind#LATE}
 */
public record Fault(Kind kind, @Nullable Outcome outcome, Duration extra) {

    /** What a fault does to the call. */
    public enum Kind {
        /** Not carried out; {@link Fault#outcome()} is the answer. */
        REFUSED,
        /** Carried out, yet answered with {@link Fault#outcome()}. */
        APPLIED,
        /** The provider throws instead of answering (a provider bug). */
        THROWS,
        /** Answered as usual, {@link Fault#extra()} later than the latency. */
        LATE
    }

    /**
     * Checks the fields.
     *
     * @param kind not null
     * @param outcome present for an answer
     * @param extra not null
     */
    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(extra, "extra");
    }

    private static Fault refused(Outcome outcome) {
        return new Fault(Kind.REFUSED, outcome, Duration.ZERO);
    }

    private static ProviderDetail detail(String code) {
        return ProviderDetail.of(ScriptedProvider.NAME, code);
    }

    /** @return a 503, which GroupKit retries */
    public static Fault unavailable() {
        return refused(new Unavailable(detail("UNAVAILABLE").withStatus(503)));
    }

    /**
     * @param retryAfter the wait the provider asks for
     * @return a 429 with a requested wait
     */
    public static Fault rateLimited(Duration retryAfter) {
        return refused(new RateLimited(detail("RATE_LIMITED").withStatus(429), retryAfter));
    }

    /** @return a 429 without a requested wait */
    public static Fault rateLimited() {
        return refused(new RateLimited(detail("RATE_LIMITED").withStatus(429)));
    }

    /** @return the account is limited for spam */
    public static Fault spamLimited() {
        return refused(new SpamLimited(detail("SPAM_LIMITED")));
    }

    /** @return the credentials are refused */
    public static Fault unauthorized() {
        return refused(new Unauthorized(detail("UNAUTHORIZED").withStatus(401)));
    }

    /** @return the quota is spent */
    public static Fault quotaExceeded() {
        return refused(new QuotaExceeded(detail("QUOTA_EXCEEDED").withStatus(466)));
    }

    /** @return the account lacks the rights */
    public static Fault accessDenied() {
        return refused(new AccessDenied(detail("ACCESS_DENIED").withStatus(403)));
    }

    /** @return an answer GroupKit does not know */
    public static Fault unrecognized() {
        return refused(new Unrecognized(detail("SOMETHING_NEW").withDescription("an answer from the future")));
    }

    /** @return the change is not made and the answer is lost */
    public static Fault answerLostBeforeApplying() {
        return refused(new Indeterminate(detail("TIMEOUT")));
    }

    /** @return the change is made and the answer is lost */
    public static Fault answerLostAfterApplying() {
        return new Fault(Kind.APPLIED, new Indeterminate(detail("TIMEOUT")), Duration.ZERO);
    }

    /** @return the change is made and a gateway answers 502, which GroupKit retries */
    public static Fault badGatewayAfterApplying() {
        return new Fault(Kind.APPLIED, new Unavailable(detail("BAD_GATEWAY").withStatus(502)), Duration.ZERO);
    }

    /** @return the provider throws instead of answering */
    public static Fault providerException() {
        return new Fault(Kind.THROWS, null, Duration.ZERO);
    }

    /**
     * @param extra how much later than the latency
     * @return the usual answer, late: past the attempt timeout, GroupKit settles it as a lost answer
     */
    public static Fault slow(Duration extra) {
        return new Fault(Kind.LATE, null, extra);
    }
}
