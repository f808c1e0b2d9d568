package io.groupkit.core.internal;

import io.groupkit.core.GroupKitListener;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.Outcome;
import io.groupkit.core.Policies;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.Unavailable;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.time.TimeSource;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One call of the caller's, from start to end: the listener is told it started and how it ended,
 * and {@link Policies#callTimeout()} bounds it, waits and retries included.
 */
final class Calls {
    private final Policies policies;
    private final TimeSource time;
    private final Listening listening;
    private final Synthetic synthetic;

    Calls(Policies policies, Listening listening, Synthetic synthetic) {
        this.policies = policies;
        this.time = policies.time();
        this.listening = listening;
        this.synthetic = synthetic;
    }

    /**
     * Runs one call. The work is created after {@code callStarted}, so that the listener sees
     * every wait and attempt inside it. {@code caller} is the thread of a synchronous caller that
     * waits for the answer, or null.
     */
    <R extends Outcome> CompletableFuture<R> observed(String operation, @Nullable Thread caller,
                                                       Function<Invocation, CompletableFuture<R>> work) {
        GroupKitListener.Call call = listening.call(operation);
        listening.callStarted(call);
        long start = time.nanoTime();
        // Armed before the work starts, so that on virtual time the work's own waits move past it.
        Optional<CompletableFuture<Void>> alarm = policies.callTimeout().map(bound -> time.alarm(bound).toCompletableFuture());
        CompletableFuture<R> result = bounded(operation, alarm, work.apply(new Invocation(call, caller)));
        result.whenComplete((r, e) -> {
            Duration took = Duration.ofNanos(time.nanoTime() - start);
            if (r != null) {
                listening.callEnded(call, r, took);
            } else if (e != null && Stages.unwrap(e) instanceof Halt.Halted) {
                listening.callDropped(call);
            } else {
                // Only a bulk unit's raw stage fails; the run records the same outcome for it.
                listening.callEnded(call, synthetic.failedWrite(operation, e != null ? Stages.unwrap(e)
                        : new NullPointerException("no outcome")), took);
            }
        });
        return result;
    }

    /**
     * The call's outcome, or, once the call timeout has passed, an outcome that says the call ran
     * out of time (the work under way is not waited for; its late answer is dropped).
     */
    @SuppressWarnings("unchecked")
    private <R extends Outcome> CompletableFuture<R> bounded(String operation, Optional<CompletableFuture<Void>> armed,
                                                              CompletableFuture<R> work) {
        if (armed.isEmpty()) {
            return work;
        }
        Duration bound = policies.callTimeout().orElseThrow();
        CompletableFuture<Void> alarm = armed.get();
        CompletableFuture<R> result = new CompletableFuture<>();
        alarm.thenRun(() -> {
            boolean changes = !(operation.equals(Operation.INVITE_LINK.name()) || operation.equals(Operation.MEMBERS.name())
                    || operation.equals(Operation.GROUPS.name()));
            ProviderDetail d = synthetic.detail("CALL_TIMEOUT", operation + " did not end within the call timeout of " + bound
                    + (changes ? "; an attempt may still be under way and take effect" : ""));
            result.complete((R) (changes ? new Indeterminate(d.withRemedy("List the group's members before trying again,"
                    + " so that nothing is done twice.")) : new Unavailable(d)));
        });
        work.whenComplete((r, e) -> {
            Stages.release(alarm);
            if (e != null) {
                result.completeExceptionally(e);
            } else {
                result.complete(r);
            }
        });
        return result;
    }
}
