package io.groupkit.core.internal;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** Helpers for completion stages. */
public final class Stages {
    /**
     * What a released alarm ends with: one shared instance without a stack trace. Every attempt
     * answered in time releases one, and both {@code cancel()} and a fresh exception would fill in
     * stack traces each time — for the future and again for each of its dependents, which wrap any
     * exception that is not a {@link CompletionException} (16 % of GroupKit's own bytes per call,
     * measured). Its cause says what happened.
     */
    private static final CompletionException RELEASED = new CompletionException(
            "alarm released", new CancellationException("the work ended before the alarm went off")) {
        private static final long serialVersionUID = 1L;

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    };

    private Stages() {
    }

    /**
     * Releases an alarm that is no longer needed: the future ends exceptionally without going off,
     * and the JDK's timer drops its task (any completion does that).
     *
     * @param alarm the alarm's future
     */
    public static void release(CompletableFuture<?> alarm) {
        alarm.completeExceptionally(RELEASED);
    }

    /**
     * Calls a supplier of a stage, turning a synchronous throw into a failed stage.
     *
     * @param call the call
     * @param <T> the result type
     * @return the call's stage, or a failed one
     */
    public static <T> CompletionStage<T> invoke(Supplier<? extends CompletionStage<T>> call) {
        try {
            CompletionStage<T> stage = call.get();
            if (stage == null) {
                return CompletableFuture.failedFuture(new NullPointerException("the provider returned a null stage"));
            }
            return stage;
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * A stage that the first caller starts and every later caller shares: for reading a group's
     * members once for all the people of one answer or one batch who need them, not once each. The
     * shared stage does not fail: a call that throws or fails, or ends with no value, completes it
     * with {@code failed}'s value.
     *
     * @param call starts the stage; made at most once, on the first caller's thread
     * @param failed the value for a failed call: given the failure as the stage reported it (not
     *     unwrapped), or {@code null} when the stage ended with no value
     * @param <T> the result type
     * @return what each caller asks for the stage: every caller gets the same one
     */
    public static <T> Supplier<CompletionStage<T>> once(Supplier<? extends CompletionStage<T>> call,
                                                        Function<@Nullable Throwable, ? extends T> failed) {
        AtomicBoolean started = new AtomicBoolean();
        CompletableFuture<T> shared = new CompletableFuture<>();
        return () -> {
            if (started.compareAndSet(false, true)) {
                invoke(call).whenComplete((r, e) -> shared.complete(r != null ? r : failed.apply(e)));
            }
            return shared;
        };
    }

    /**
     * The cause behind completion wrappers.
     *
     * @param t a throwable from a stage
     * @return the underlying cause
     */
    public static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }

    /**
     * Waits for a future that is built never to fail, rethrowing unchecked anything that does.
     *
     * @param future the future
     * @param <T> the result type
     * @return its value
     */
    public static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
