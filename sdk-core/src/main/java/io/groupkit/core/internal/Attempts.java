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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one operation against the provider: a permit before every attempt, retries of retryable
 * outcomes with backoff or the provider's requested wait, and a resolver for outcomes that need a
 * second look (an add that got no answer).
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

    TimeSource time() {
        return time;
    }

    int maxAttempts() {
        return policies.retry().maxAttempts();
    }

    /**
     * Runs an operation to its final outcome.
     *
     * @param call the call, for the listener; its operation names it in logs and failure outcomes
     * @param limits the rate limits each attempt waits for
     * @param subject what the call is about, for logs: masked by its {@code toString()}, which only a log
     *     line that is on calls
     * @param call one attempt
     * @param onFailure the outcome for an attempt whose stage failed
     * @param resolver a second look at each attempt's outcome before deciding on a retry
     */
    <R extends Outcome> CompletionStage<R> run(GroupKitListener.Call call, List<RateLimit> limits, Object subject,
                                               Function<AttemptContext, CompletionStage<R>> attempt,
                                               BiFunction<String, Throwable, R> onFailure,
                                               Function<R, CompletionStage<R>> resolver) {
        return attempt(call, limits, subject, attempt, onFailure, resolver, 1, Halt.NEVER);
    }

    /**
     * {@link #run} that gives up before the first attempt is sent once {@code halt} says so (the
     * stage then fails with {@link Halt.Halted}), and does not retry after it.
     */
    <R extends Outcome> CompletionStage<R> run(GroupKitListener.Call call, List<RateLimit> limits, Object subject,
                                               Function<AttemptContext, CompletionStage<R>> attempt,
                                               BiFunction<String, Throwable, R> onFailure,
                                               Function<R, CompletionStage<R>> resolver, Halt halt) {
        return attempt(call, limits, subject, attempt, onFailure, resolver, 1, halt);
    }

    /** The provider's limits for one of the common operations. */
    List<RateLimit> limits(Operation op) {
        return provider.rateLimits(op);
    }

    /** One attempt with no retries, for calls whose failure is not worth a retry (sending a link). */
    <R> CompletionStage<R> once(String op, List<RateLimit> limits, Function<AttemptContext, CompletionStage<R>> call) {
        Context ctx = new Context(1, null);
        return Stages.invoke(() -> ctx.paceAll(limits))
                .thenCompose(v -> within(() -> call.apply(ctx), op, (o, timeout) -> {
                    throw new CompletionException(timeout);
                }));
    }

    /**
     * The attempt's answer, or {@code onTimeout}'s outcome if none comes within the attempt timeout.
     * The alarm is set before the call is made, so that on virtual time a connector's latency
     * counts against it; the first to arrive wins, and the alarm is released once the answer is in.
     */
    private <R> CompletionStage<R> within(Supplier<? extends CompletionStage<R>> call, String op,
                                          BiFunction<String, Throwable, R> onTimeout) {
        Duration limit = policies.attemptTimeout();
        CompletableFuture<R> result = new CompletableFuture<>();
        CompletableFuture<Void> alarm = time.alarm(limit).toCompletableFuture();
        // A synchronous caller may be blocked inside the call (Blocking): the alarm interrupts it.
        BlockedCaller blocked = Blocking.here() ? new BlockedCaller(Thread.currentThread()) : null;
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

    private <R extends Outcome> CompletionStage<R> attempt(GroupKitListener.Call listened, List<RateLimit> limits,
                                                           Object subject,
                                                           Function<AttemptContext, CompletionStage<R>> call,
                                                           BiFunction<String, Throwable, R> onFailure,
                                                           Function<R, CompletionStage<R>> resolver, int n, Halt halt) {
        String op = listened.operation();
        Context ctx = new Context(n, listened);
        long[] startedAt = new long[1];
        return Stages.invoke(() -> halt.orSooner(ctx.paceAll(limits)))
                .thenCompose(v -> {
                    if (halt.halted()) {
                        // Only a first attempt gets here unsent; a retry is not begun once halted.
                        return CompletableFuture.<R>failedFuture(new Halt.Halted());
                    }
                    listening.attemptStarted(listened, n);
                    startedAt[0] = time.nanoTime();
                    return within(() -> call.apply(ctx), op, onFailure);
                })
                .handle((r, e) -> {
                    if (e == null) {
                        return CompletableFuture.completedFuture(r);
                    }
                    Throwable cause = Stages.unwrap(e);
                    if (cause instanceof Halt.Halted) {
                        return CompletableFuture.<R>failedFuture(cause);
                    }
                    LOG.warn("{} {} {}: attempt {} failed in the connector: {}", provider.name(), op, subject, n,
                            cause.getClass().getName());
                    return CompletableFuture.completedFuture(onFailure.apply(op, cause));
                })
                .thenCompose(s -> s)
                .thenApply(r -> {
                    listening.attemptEnded(listened, n, r, Duration.ofNanos(time.nanoTime() - startedAt[0]));
                    return r;
                })
                .thenCompose(r -> Stages.invoke(() -> resolver.apply(r)))
                .handle((r, e) -> {
                    if (r == null && e != null && Stages.unwrap(e) instanceof Halt.Halted halted) {
                        throw halted;
                    }
                    return r != null ? r : onFailure.apply(op, e != null ? Stages.unwrap(e)
                            : new NullPointerException("the connector answered null instead of an outcome"));
                })
                .thenCompose(r -> {
                    LOG.debug("{} {} {}: attempt {} -> {} {}", provider.name(), op, subject, n, r.kind(), r.detail().code());
                    if (!r.retryable() || n >= policies.retry().maxAttempts() || halt.halted()) {
                        return CompletableFuture.completedFuture(r);
                    }
                    Duration wait = waitBefore(limits, r, n);
                    if (wait == null) {
                        return CompletableFuture.completedFuture(r);
                    }
                    listening.retried(listened, n + 1, r, wait);
                    return time.delay(wait).thenCompose(v -> attempt(listened, limits, subject, call, onFailure, resolver,
                            n + 1, halt));
                });
    }

    /**
     * The wait before the next attempt, or null when the provider asked for more than we wait out.
     * A provider-requested wait also holds back every other caller of the limit it names (or of
     * the operation's tightest limit).
     */
    Duration waitBefore(List<RateLimit> limits, Outcome r, int failedAttempts) {
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
        private final GroupKitListener.Call call; // null outside a listened call (pre-checks, sending links)

        Context(int attempt, GroupKitListener.Call call) {
            this.attempt = attempt;
            this.call = call;
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
        public CompletionStage<Void> pace(RateLimit limit) {
            Duration wait = limiter.reserve(key(limit), limit, time.nanoTime());
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
}
