package io.groupkit.core.internal;

import io.groupkit.core.GroupKitListener;
import io.groupkit.core.Outcome;
import io.groupkit.core.Policies;
import io.groupkit.core.RateLimited;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.policy.RateLimiter;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.time.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one attempt loop. Every call GroupKit makes to a provider runs through it: single calls,
 * pre-checks, batches, removals, links, listings, membership checks and provider-specific
 * operations. Each attempt waits for its permits, runs within the attempt timeout, turns a
 * provider's failure into an outcome, and gets a second look ({@link Step#settle}); the verdict
 * then decides: final, or another attempt (a retryable answer, or a lost answer checked and found
 * not to have taken effect), after backoff or the wait the provider asked for.
 */
final class Attempts {
    private static final Logger LOG = LoggerFactory.getLogger("io.groupkit.core");

    private final MembershipProvider provider;
    private final Policies policies;
    private final RateLimiter limiter;
    private final TimeSource time;
    private final Listening listening;

    Attempts(MembershipProvider provider, Policies policies, RateLimiter limiter, Listening listening) {
        this.provider = provider;
        this.policies = policies;
        this.limiter = limiter;
        this.time = policies.time();
        this.listening = listening;
    }

    /**
     * What one loop runs: the call of one attempt, what a failed attempt (a provider's exception,
     * a timeout, a null answer) reads as, which answer is worth another attempt, and the second
     * look at each answer.
     *
     * @param op the operation's name, for logs, the listener and failure outcomes
     * @param limits the rate limits each attempt waits for
     * @param subject what the call is about, for logs: masked by its {@code toString()}, which only
     *     a log line that is on calls
     * @param call one attempt
     * @param onFailure the answer of an attempt that failed
     * @param retryWhen the outcome that makes an answer worth another attempt, or empty
     * @param settle the second look at an answer (a lost one is checked before anything is resent)
     * @param <T> the answer: an outcome, a pre-check's optional refusal, a batch's outcomes
     */
    record Step<T>(String op, List<RateLimit> limits, Object subject, Function<AttemptContext, CompletionStage<T>> call,
                   BiFunction<String, Throwable, T> onFailure, Function<T, Optional<Outcome>> retryWhen,
                   Function<T, CompletionStage<Verdict<T>>> settle) {

        /** A step whose answer is an outcome: retried while retryable, final as answered. */
        static <R extends Outcome> Step<R> of(String op, List<RateLimit> limits, Object subject,
                                              Function<AttemptContext, CompletionStage<R>> call,
                                              BiFunction<String, Throwable, R> onFailure) {
            return of(op, limits, subject, call, onFailure, r -> r.retryable() ? Optional.of(r) : Optional.empty());
        }

        /** A step whose answer is worth another attempt when {@code retryWhen} names an outcome. */
        static <T> Step<T> of(String op, List<RateLimit> limits, Object subject, Function<AttemptContext, CompletionStage<T>> call,
                              BiFunction<String, Throwable, T> onFailure, Function<T, Optional<Outcome>> retryWhen) {
            return new Step<>(op, limits, subject, call, onFailure, retryWhen, Step::asAnswered);
        }

        /** This step with a second look at each answer. */
        Step<T> settledBy(Function<T, CompletionStage<Verdict<T>>> second) {
            return new Step<>(op, limits, subject, call, onFailure, retryWhen, second);
        }

        /** This step, never retried (sending a link: a failed send is not worth a second message). */
        Step<T> once() {
            return new Step<>(op, limits, subject, call, onFailure, r -> Optional.empty(), settle);
        }

        private static <T> CompletionStage<Verdict<T>> asAnswered(T answer) {
            return CompletableFuture.completedFuture(new Verdict.Final<>(answer));
        }
    }

    /**
     * What the second look at an answer decided.
     *
     * @param <T> the answer
     */
    sealed interface Verdict<T> {
        /**
         * The answer to give if no attempt follows.
         *
         * @return the answer
         */
        T answer();

        /** The answer stands (another attempt follows only if it is retryable). */
        record Final<T>(T answer) implements Verdict<T> {
        }

        /**
         * The answer was lost, and a membership check showed the change was not made: sending
         * again is safe and due. {@code answer} stands if no attempt is left.
         */
        record Resend<T>(T answer, Outcome because) implements Verdict<T> {
        }
    }

    TimeSource time() {
        return time;
    }

    /** The provider's limits for one of the common operations. */
    List<RateLimit> limits(Operation op) {
        return provider.rateLimits(op);
    }

    /**
     * Runs a step to its final answer.
     *
     * @param step what to run
     * @param inv the caller's call: the listener is told about its attempts (unless it is quiet,
     *     as pre-checks, batches, links sent and membership checks are), and a synchronous caller's
     *     thread may make the exchange itself
     * @param halt gives up before the first attempt is sent once it says so (the stage then fails
     *     with {@link Halt.Halted}), and stops retries
     */
    <T> CompletionStage<T> run(Step<T> step, Invocation inv, Halt halt) {
        return attempt(step, inv, 1, halt, time.nanoTime());
    }

    /** {@link #run(Step, Invocation, Halt)} that never halts. */
    <T> CompletionStage<T> run(Step<T> step, Invocation inv) {
        return attempt(step, inv, 1, Halt.NEVER, time.nanoTime());
    }

    /**
     * The attempt's answer, or {@code onTimeout}'s outcome if none comes within the attempt timeout.
     * The alarm is set before the call is made, so that on virtual time a provider's latency
     * counts against it; the first to arrive wins, and the alarm is released once the answer is in.
     */
    private <R> CompletionStage<R> within(Supplier<? extends CompletionStage<R>> call, String op,
                                          BiFunction<String, Throwable, R> onTimeout, Context ctx) {
        Duration limit = policies.attemptTimeout();
        CompletableFuture<R> result = new CompletableFuture<>();
        CompletableFuture<Void> alarm = time.alarm(limit).toCompletableFuture();
        // A synchronous caller may be blocked inside the call (callerWaits): the alarm interrupts it.
        BlockedCaller blocked = ctx.callerWaits() ? new BlockedCaller(Thread.currentThread()) : null;
        alarm.thenRun(() -> {
            if (!result.isDone()) {
                try {
                    result.complete(onTimeout.apply(op, new TimeoutException("no answer within " + limit)));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            }
            if (blocked != null) {
                blocked.interrupt();
            }
        });
        CompletionStage<R> called = Stages.invoke(call);
        if (blocked != null) {
            blocked.returned();
        }
        called.whenComplete((r, e) -> {
            if (e == null) {
                result.complete(r);
            } else {
                result.completeExceptionally(e);
            }
            Stages.release(alarm);
        });
        return result;
    }

    private <T> CompletionStage<T> attempt(Step<T> step, Invocation inv, int n, Halt halt, long firstAttemptAt) {
        String op = step.op();
        GroupKitListener.@Nullable Call listened = inv.call();
        Context ctx = new Context(n, inv);
        long[] startedAt = new long[1];
        return Stages.invoke(() -> halt.orSooner(ctx.paceAll(step.limits())))
                .handle((v, e) -> {
                    if (e != null) {
                        throw new NotSent(Stages.unwrap(e)); // the attempt never went out
                    }
                    return v;
                })
                .thenCompose(v -> {
                    if (halt.halted()) {
                        // Only a first attempt gets here unsent; a retry is not begun once halted.
                        return CompletableFuture.<T>failedFuture(new Halt.Halted());
                    }
                    if (listened != null) {
                        listening.attemptStarted(listened, n);
                    }
                    startedAt[0] = time.nanoTime();
                    return within(() -> step.call().apply(ctx), op, step.onFailure(), ctx);
                })
                .handle((r, e) -> {
                    if (e == null) {
                        return CompletableFuture.completedFuture(r);
                    }
                    Throwable cause = Stages.unwrap(e);
                    if (cause instanceof Halt.Halted) {
                        return CompletableFuture.<T>failedFuture(cause);
                    }
                    if (cause instanceof NotSent notSent) {
                        LOG.warn("{} {} {}: attempt {} not sent: {}", provider.name(), op, step.subject(), n,
                                notSent.getMessage());
                        return CompletableFuture.completedFuture(step.onFailure().apply(op, notSent));
                    }
                    if (cause instanceof LimiterUnavailable down) {
                        LOG.warn("{} {} {}: attempt {} stopped: {} (for a look-up of the provider's)", provider.name(), op,
                                step.subject(), n, down.getMessage());
                        return CompletableFuture.completedFuture(step.onFailure().apply(op, down));
                    }
                    LOG.warn("{} {} {}: attempt {} failed in the provider: {}", provider.name(), op, step.subject(), n,
                            cause.getClass().getName());
                    return CompletableFuture.completedFuture(step.onFailure().apply(op, cause));
                })
                .thenCompose(s -> s)
                .thenApply(r -> {
                    T answer = r != null ? r
                            : step.onFailure().apply(op, new NullPointerException("the provider answered null instead of an outcome"));
                    if (listened != null && answer instanceof Outcome o) {
                        listening.attemptEnded(listened, n, o, Duration.ofNanos(time.nanoTime() - startedAt[0]));
                    }
                    return answer;
                })
                .thenCompose(r -> Stages.invoke(() -> step.settle().apply(r)))
                .handle((verdict, e) -> {
                    if (verdict == null && e != null && Stages.unwrap(e) instanceof Halt.Halted halted) {
                        throw halted;
                    }
                    return verdict != null ? verdict : new Verdict.Final<>(step.onFailure().apply(op, e != null
                            ? Stages.unwrap(e) : new NullPointerException("the second look answered null")));
                })
                .thenCompose(verdict -> {
                    T answer = verdict.answer();
                    if (LOG.isDebugEnabled()) {
                        LOG.debug("{} {} {}: attempt {} -> {}", provider.name(), op, step.subject(), n, answer instanceof Outcome o
                                ? o.kind() + " " + o.detail().code() : answer);
                    }
                    Optional<Outcome> because = verdict instanceof Verdict.Resend<T> resend ? Optional.of(resend.because())
                            : step.retryWhen().apply(answer);
                    if (because.isEmpty() || n >= policies.retry().maxAttempts() || halt.halted()) {
                        return CompletableFuture.completedFuture(answer);
                    }
                    Duration wait = waitBefore(step.limits(), because.get(), n);
                    if (wait == null) {
                        return CompletableFuture.completedFuture(answer);
                    }
                    if (listened != null) {
                        listening.retried(listened, n + 1, because.get(), wait);
                    }
                    if (Synthetic.limiterDown(because.get()) && time.nanoTime() - firstAttemptAt + wait.toNanos()
                            >= policies.rateLimiterTimeout().toNanos()) {
                        // A store that is still down after the time it is allowed: say so now, not after every retry.
                        return CompletableFuture.completedFuture(answer);
                    }
                    return time.delay(wait).thenCompose(v -> attempt(step, inv, n + 1, halt, firstAttemptAt));
                });
    }

    /**
     * The wait before the next attempt, or null when the provider asked for more than we wait out.
     * A provider-requested wait also holds back every other caller of the limit it names (or of
     * the operation's tightest limit).
     */
    private @Nullable Duration waitBefore(List<RateLimit> limits, Outcome r, int failedAttempts) {
        if (r instanceof RateLimited limited && limited.retryAfter().isPresent()) {
            Duration hint = limited.retryAfter().get();
            if (hint.compareTo(policies.retry().maxServerWait()) > 0) {
                return null;
            }
            long now = time.nanoTime();
            // A hint that names no limit holds back the operation's tightest one: applied to a
            // daily cap as well, a wait of seconds would empty a whole day's budget.
            String target = limited.limit().orElseGet(() -> limits.stream()
                    .min(java.util.Comparator.comparing(RateLimit::interval)).map(RateLimit::name).orElse(""));
            for (RateLimit limit : limits) {
                if (limit.name().equals(target)) {
                    limiter.throttled(key(limit), limit, now, hint);
                }
            }
            return hint;
        }
        return policies.retry().backoff(failedAttempts, policies.jitter().getAsDouble());
    }

    private String key(RateLimit limit) {
        return provider.accountKey() + ":" + limit.name();
    }

    /** The thread blocked in a call, interrupted at most once and only while it is inside it. */
    private static final class BlockedCaller {
        private final Thread thread;
        private boolean inside = true;
        private boolean interrupted;

        BlockedCaller(Thread thread) {
            this.thread = thread;
        }

        synchronized void interrupt() {
            if (inside) {
                interrupted = true;
                thread.interrupt();
            }
        }

        synchronized void returned() {
            inside = false;
            if (interrupted) {
                Thread.interrupted(); // ours, not the caller's: do not leak it
            }
        }
    }

    private final class Context implements AttemptContext {
        private final int attempt;
        private final Invocation inv;
        private final GroupKitListener.@Nullable Call call; // null outside a listened call (pre-checks, sending links)

        Context(int attempt, Invocation inv) {
            this.attempt = attempt;
            this.inv = inv;
            this.call = inv.call();
        }

        @Override
        public int attempt() {
            return attempt;
        }

        @Override
        public TimeSource time() {
            return time;
        }

        @Override
        public boolean callerWaits() {
            return inv.callerWaits();
        }

        @Override
        public CompletionStage<Void> pace(RateLimit limit) {
            CompletableFuture<Duration> reserved;
            try {
                reserved = limiter.reserveAsync(key(limit), limit, time.nanoTime()).toCompletableFuture();
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(new LimiterUnavailable(limiter, e));
            }
            if (reserved.isDone() && !reserved.isCompletedExceptionally()) {
                return waitFor(limit, reserved.join()); // the in-memory limiter: no stage in between
            }
            return answered(reserved).thenCompose(wait -> waitFor(limit, wait));
        }

        /** The limiter's answer, or {@link LimiterUnavailable} once it failed or took longer than allowed. */
        private CompletionStage<Duration> answered(CompletableFuture<Duration> reserved) {
            Duration limit = policies.rateLimiterTimeout();
            CompletableFuture<Duration> result = new CompletableFuture<>();
            CompletableFuture<Void> alarm = time.alarm(limit).toCompletableFuture();
            alarm.thenRun(() -> result.completeExceptionally(new LimiterUnavailable(limiter,
                    new TimeoutException("no answer within " + limit))));
            reserved.whenComplete((wait, e) -> {
                if (e == null) {
                    result.complete(wait);
                } else {
                    result.completeExceptionally(new LimiterUnavailable(limiter, Stages.unwrap(e)));
                }
                Stages.release(alarm);
            });
            return result;
        }

        private CompletionStage<Void> waitFor(RateLimit limit, Duration wait) {
            if (call != null && wait.compareTo(Duration.ZERO) > 0) {
                listening.waited(call, limit.name(), wait);
            }
            return time.delay(wait);
        }

        // Each limit is reserved only after the previous wait ended, so no reservation is used late.
        CompletionStage<Void> paceAll(List<RateLimit> limits) {
            CompletionStage<Void> stage = CompletableFuture.completedFuture(null);
            for (RateLimit limit : limits) {
                stage = stage.thenCompose(v -> pace(limit));
            }
            return stage;
        }
    }

    /** A failure before the attempt went out (the rate limiter could not say when): nothing was sent. */
    static final class NotSent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotSent(Throwable cause) {
            super(cause instanceof LimiterUnavailable down ? down.getMessage()
                    : "the rate limiter could not say when the call may go (" + cause.getClass().getName() + ")", cause,
                    false, false);
        }
    }

    /**
     * The rate limiter (a fleet's store) failed or did not answer in time, for the attempt's own
     * permit or one a provider asked for: the call or look-up it was for did not go out.
     */
    static final class LimiterUnavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LimiterUnavailable(RateLimiter limiter, Throwable cause) {
            super("the rate limiter " + limiter + " " + (cause instanceof TimeoutException ? "gave " + cause.getMessage()
                    : "failed with " + cause.getClass().getName()), cause, false, false);
        }
    }
}
