package io.groupkit.core.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

/**
 * Tells an add that has not been sent yet to give up: a bulk run that was cancelled or stopped by
 * an outcome must not send the people whose calls were waiting for a pacing permit.
 */
final class Halt {
    /** For single calls: never halts. */
    static final Halt NEVER = new Halt(() -> false, new CompletableFuture<>());

    private final BooleanSupplier halted;
    private final CompletionStage<Void> signal;

    /**
     * A halt.
     *
     * @param halted whether to give up now
     * @param signal completes when {@code halted} turns true, to end a pacing wait early
     */
    Halt(BooleanSupplier halted, CompletionStage<Void> signal) {
        this.halted = halted;
        this.signal = signal;
    }

    boolean halted() {
        return halted.getAsBoolean();
    }

    /** The pacing wait, ended early by the signal. */
    CompletionStage<Void> orSooner(CompletionStage<Void> wait) {
        if (this == NEVER) {
            return wait;
        }
        CompletableFuture<Void> first = new CompletableFuture<>();
        wait.whenComplete((v, e) -> {
            if (e != null) {
                first.completeExceptionally(e);
            } else {
                first.complete(null);
            }
        });
        signal.thenRun(() -> first.complete(null));
        return first;
    }

    /** The add was never sent: the bulk run reports the person as not attempted. */
    static final class Halted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Halted() {
            super("halted before sending", null, false, false);
        }
    }
}
