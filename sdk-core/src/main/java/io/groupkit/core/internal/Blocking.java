package io.groupkit.core.internal;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The synchronous methods' fast path. A thread that is going to wait for the answer anyway may
 * as well make the HTTP exchange itself: the JDK's blocking {@code send} costs far less than
 * {@code sendAsync} and a hand-over to the waiting thread. Only the single-call methods run this
 * way (a bulk run keeps its concurrency); a call that waited for a pacing permit continues on
 * the timer's thread and goes asynchronous, as before. The attempt timeout still holds: it
 * interrupts the blocked thread, which cancels the exchange.
 */
public final class Blocking {
    private static final ThreadLocal<Boolean> HERE = new ThreadLocal<>();

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
        Boolean before = HERE.get();
        HERE.set(Boolean.TRUE);
        try {
            return call.get();
        } finally {
            if (before == null) {
                HERE.remove();
            } else {
                HERE.set(before);
            }
        }
    }

    /**
     * Whether this thread is a synchronous caller that may block.
     *
     * @return true inside {@link #run(Supplier)}
     */
    static boolean here() {
        return HERE.get() != null;
    }

    /**
     * One HTTP exchange: blocking on a synchronous caller's thread, asynchronous elsewhere.
     *
     * @param http the client
     * @param request the request
     * @param handler the body handler
     * @param <T> the body
     * @return the response; the stage fails as {@code sendAsync}'s would (an attempt timeout as
     *     an {@link HttpTimeoutException})
     */
    public static <T> CompletionStage<HttpResponse<T>> exchange(HttpClient http, HttpRequest request,
                                                               HttpResponse.BodyHandler<T> handler) {
        if (!here()) {
            return http.sendAsync(request, handler);
        }
        try {
            return CompletableFuture.completedFuture(http.send(request, handler));
        } catch (InterruptedException e) {
            // The attempt timed out (Attempts interrupted us, and clears the flag again) or the
            // caller was interrupted (the flag stays for them): either way the exchange is cancelled.
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new HttpTimeoutException("interrupted while waiting for the answer"));
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
