package io.groupkit.core.internal;

import java.util.function.Supplier;

/**
 * The synchronous methods' fast path. A thread that is going to wait for the answer anyway may
 * as well make the exchange itself: for HTTP, the JDK's blocking {@code send} costs far less
 * than {@code sendAsync} and a hand-over to the waiting thread. The flag stays inside the core:
 * connectors are told through {@link io.groupkit.core.spi.AttemptContext#callerWaits()}. Only
 * the single-call methods run this way (a bulk run keeps its concurrency); a call that waited for
 * a pacing permit continues on the time source's executor, where the flag is off, and goes
 * asynchronous. The attempt timeout still holds: it interrupts the blocked thread, which cancels
 * the exchange.
 */
public final class Blocking {
    /**
     * A flag per thread, set and cleared in place: setting and removing a ThreadLocal entry per
     * call allocated a map entry each time. The array is a JDK type, so a thread that outlives an
     * application's class loader keeps nothing of GroupKit's alive.
     */
    private static final ThreadLocal<boolean[]> HERE = ThreadLocal.withInitial(() -> new boolean[1]);

    private Blocking() {
    }

    /**
     * Runs a synchronous call with the fast path on for this thread.
     *
     * @param call the call
     * @param <T> its result
     * @return its result
     */
    public static <T> T run(Supplier<T> call) {
        boolean[] flag = HERE.get();
        boolean before = flag[0];
        flag[0] = true;
        try {
            return call.get();
        } finally {
            flag[0] = before;
        }
    }

    /**
     * Whether this thread is a synchronous caller that may block.
     *
     * @return true inside {@link #run(Supplier)}
     */
    public static boolean here() {
        return HERE.get()[0];
    }
}
