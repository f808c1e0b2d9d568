package io.groupkit.core.internal;

import io.groupkit.core.GroupKitListener;
import org.jspecify.annotations.Nullable;

/**
 * One of the caller's calls on its way through the steps: the call the listener is told about
 * (none for work that is part of another call), and, for a synchronous caller, the thread that
 * waits for the answer (an attempt that runs on it may make its exchange itself).
 *
 * @param call the listener's call, or null for work that is not told on its own
 * @param caller the waiting caller's thread, or null for an asynchronous call
 */
record Invocation(GroupKitListener.@Nullable Call call, @Nullable Thread caller) {

    /** Work no caller waits for and the listener is not told about on its own (a bulk run's batch request). */
    static final Invocation NONE = new Invocation(null, null);

    /** An asynchronous call, or work of no caller's (a bulk run's units). */
    static Invocation of(GroupKitListener.Call call) {
        return new Invocation(call, null);
    }

    /** Work inside this call that the listener is not told about (pre-checks, batches, checks, links sent). */
    Invocation quiet() {
        return new Invocation(null, caller);
    }

    /** A call of its own inside this one (the listing that settles a lost answer). */
    Invocation with(GroupKitListener.Call other) {
        return new Invocation(other, caller);
    }

    /** Whether the current thread is the caller that waits for this call. */
    boolean callerWaits() {
        return caller != null && caller == Thread.currentThread();
    }
}
