package io.groupkit.http.internal;

import io.groupkit.core.spi.AttemptContext;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** One HTTP exchange, made the way the attempt allows ({@link AttemptContext#callerWaits()}). */
public final class Exchange {
    private Exchange() {
    }

    /**
     * Sends a request: blocking on a synchronous caller's thread, asynchronous elsewhere.
     *
     * @param http the client
     * @param request the request
     * @param handler the body handler
     * @param ctx the attempt the request belongs to
     * @param <T> the body
     * @return the response; the stage fails as {@code sendAsync}'s would (an attempt timeout as
     *     an {@link HttpTimeoutException})
     */
    public static <T> CompletionStage<HttpResponse<T>> send(HttpClient http, HttpRequest request,
                                                           HttpResponse.BodyHandler<T> handler, AttemptContext ctx) {
        return ctx.callerWaits() ? blocking(http, request, handler) : http.sendAsync(request, handler);
    }

    /**
     * Sends a request asynchronously: for requests that belong to no one attempt (a token
     * refresh, a read several callers share).
     *
     * @param http the client
     * @param request the request
     * @param handler the body handler
     * @param <T> the body
     * @return the response
     */
    public static <T> CompletionStage<HttpResponse<T>> send(HttpClient http, HttpRequest request,
                                                           HttpResponse.BodyHandler<T> handler) {
        return http.sendAsync(request, handler);
    }

    private static <T> CompletionStage<HttpResponse<T>> blocking(HttpClient http, HttpRequest request,
                                                                HttpResponse.BodyHandler<T> handler) {
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
