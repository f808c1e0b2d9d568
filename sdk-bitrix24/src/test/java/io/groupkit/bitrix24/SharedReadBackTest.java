package io.groupkit.bitrix24;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AddResult;
import io.groupkit.core.Members;
import io.groupkit.core.MembersResult;
import io.groupkit.core.OutcomeKind;
import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/**
 * Concurrent single adds to one chat share their read-backs ({@code im.chat.user.list}): an add's
 * answer is confirmed only by a listing sent after it arrived, and every answer that arrives while
 * one listing is under way shares the next. The test holds every answer on its way to the client
 * and hands them over on its own thread, so the order of answers and listings is the test's.
 */
class SharedReadBackTest {

    private static final long DISMISSED = 125;

    @Test
    void fiftyConcurrentAddsOfUnknownUsersToOneChatAreReadBackTwiceNotFiftyTimes() throws Exception {
        HeldAnswers http = new HeldAnswers();
        try (Fixture f = new Fixture(b -> b.httpClient(http))) {
            f.sim.inactive(DISMISSED);
            List<CompletableFuture<AddResult>> adds = new ArrayList<>();
            for (long u = 100; u < 150; u++) {
                CompletableFuture<AddResult> add = f.client.addAsync(Fixture.IM, Fixture.user(u)).toCompletableFuture();
                add.whenComplete((r, e) -> http.changed());
                adds.add(add);
            }
            // Every add has been answered by the portal; the client has read none of the answers yet.
            http.await(() -> http.held("im.chat.user.add") == 50);
            assertEquals(0, f.sim.requests("im.chat.user.list").size());
            http.handOver("im.chat.user.add");
            // The first answer read started a listing; the 49 read after it wait for the next one: a
            // listing already under way when an answer came may have been read before that add.
            http.await(() -> http.held("im.chat.user.list") >= 1);
            assertEquals(1, f.sim.requests("im.chat.user.list").size(), "one listing for the 50 answers read so far");
            assertTrue(adds.stream().noneMatch(CompletableFuture::isDone), "no add is confirmed before a listing");
            http.handOver("im.chat.user.list");
            http.await(() -> http.held("im.chat.user.list") == 1);
            // The first listing confirms the one add it was sent for; the others wait for the second.
            http.await(() -> adds.stream().filter(a -> !a.isDone()).count() == 49);
            http.handOver("im.chat.user.list");

            for (long u = 100; u < 150; u++) {
                AddResult r = adds.get((int) (u - 100)).get(10, TimeUnit.SECONDS);
                assertEquals(u == DISMISSED ? OutcomeKind.NOT_REGISTERED : OutcomeKind.ADDED, r.kind(),
                        "user " + u + ": " + r);
            }
            assertEquals(2, f.sim.requests("im.chat.user.list").size(), "two read-backs for 50 adds, not 50");
            assertEquals(50, f.sim.requests("im.chat.user.add").size(), "no add was sent twice");
            assertEquals(50, f.sim.members(Fixture.CHAT).size(), "the bot and 49 active users");
            assertFalse(f.sim.members(Fixture.CHAT).contains(DISMISSED));
        } finally {
            http.close();
        }
    }

    @Test
    void aCallersListingAndTheReadBacksOfAddsShareOneListing() throws Exception {
        HeldAnswers http = new HeldAnswers();
        try (Fixture f = new Fixture(b -> b.httpClient(http))) {
            // A listing under way (as a watch's is), then ten adds answered while it is.
            CompletableFuture<MembersResult> first = f.client.membersAsync(Fixture.IM).toCompletableFuture();
            http.await(() -> http.held("im.chat.user.list") == 1);
            List<CompletableFuture<AddResult>> adds = new ArrayList<>();
            for (long u = 100; u < 110; u++) {
                CompletableFuture<AddResult> add = f.client.addAsync(Fixture.IM, Fixture.user(u)).toCompletableFuture();
                add.whenComplete((r, e) -> http.changed());
                adds.add(add);
            }
            http.await(() -> http.held("im.chat.user.add") == 10);
            http.handOver("im.chat.user.add");
            // Another caller's listing, asked for while the first is under way: it may not use that one.
            CompletableFuture<MembersResult> second = f.client.membersAsync(Fixture.IM).toCompletableFuture();
            second.whenComplete((r, e) -> http.changed());
            first.whenComplete((r, e) -> http.changed());
            http.handOver("im.chat.user.list");
            http.await(() -> first.isDone() && http.held("im.chat.user.list") == 1);
            assertTrue(adds.stream().noneMatch(CompletableFuture::isDone), "the first listing started before the answers");
            http.handOver("im.chat.user.list");
            http.await(() -> second.isDone() && adds.stream().allMatch(CompletableFuture::isDone));

            assertEquals(2, f.sim.requests("im.chat.user.list").size(), "two listings served two callers and ten read-backs");
            assertEquals(11, assertInstanceOf(Members.class, second.get()).members().size(), "the bot and the ten added");
            for (CompletableFuture<AddResult> add : adds) {
                assertEquals(OutcomeKind.ADDED, add.get().kind());
            }
        } finally {
            http.close();
        }
    }

    /**
     * An HTTP client that sends every request at once but keeps the answers of the methods a test
     * names until the test hands them over, on its own thread.
     */
    private static final class HeldAnswers extends HttpClient implements AutoCloseable {
        private record Held(String method, CompletableFuture<HttpResponse<?>> answer, Runnable handOver) {
        }

        private final HttpClient real = HttpClient.newBuilder().followRedirects(Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        private final List<Held> held = new ArrayList<>();
        private final Object signal = new Object();

        synchronized int held(String method) {
            return (int) held.stream().filter(h -> h.method().equals(method) && h.answer().isDone()).count();
        }

        /** Hands every answer of the method over to the client, in the order the requests went. */
        void handOver(String method) {
            List<Held> mine;
            synchronized (this) {
                mine = held.stream().filter(h -> h.method().equals(method)).toList();
                held.removeAll(mine);
            }
            mine.forEach(h -> h.handOver().run());
        }

        /** Wakes {@link #await}: an answer arrived or an add ended. */
        void changed() {
            synchronized (signal) {
                signal.notifyAll();
            }
        }

        /** Waits until the condition holds, woken by each change (no polling on a clock). */
        void await(BooleanSupplier condition) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            synchronized (signal) {
                while (!condition.getAsBoolean()) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    assertTrue(left > 0, "timed out waiting for the portal's answers");
                    signal.wait(left);
                }
            }
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                                                                HttpResponse.BodyHandler<T> handler) {
            String path = request.uri().getPath();
            String method = path.substring(path.lastIndexOf('/') + 1);
            CompletableFuture<HttpResponse<T>> answer = real.sendAsync(request, handler);
            if (!method.equals("im.chat.user.add") && !method.equals("im.chat.user.list")) {
                return answer;
            }
            CompletableFuture<HttpResponse<T>> toClient = new CompletableFuture<>();
            Runnable handOver = () -> answer.whenComplete((r, e) -> {
                if (e != null) {
                    toClient.completeExceptionally(e);
                } else {
                    toClient.complete(r);
                }
            });
            @SuppressWarnings({"unchecked", "rawtypes"})
            CompletableFuture<HttpResponse<?>> any = (CompletableFuture) answer;
            synchronized (this) {
                held.add(new Held(method, any, handOver));
            }
            answer.whenComplete((r, e) -> changed());
            return toClient;
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                                HttpResponse.PushPromiseHandler<T> push) {
            return sendAsync(request, handler);
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
                throws IOException, InterruptedException {
            throw new AssertionError("a request was made blocking: " + request.uri().getPath());
        }

        @Override
        public Optional<CookieHandler> cookieHandler() {
            return real.cookieHandler();
        }

        @Override
        public Optional<Duration> connectTimeout() {
            return real.connectTimeout();
        }

        @Override
        public Redirect followRedirects() {
            return real.followRedirects();
        }

        @Override
        public Optional<ProxySelector> proxy() {
            return real.proxy();
        }

        @Override
        public SSLContext sslContext() {
            return real.sslContext();
        }

        @Override
        public SSLParameters sslParameters() {
            return real.sslParameters();
        }

        @Override
        public Optional<Authenticator> authenticator() {
            return real.authenticator();
        }

        @Override
        public Version version() {
            return real.version();
        }

        @Override
        public Optional<Executor> executor() {
            return real.executor();
        }

        @Override
        public void close() {
            // The JDK 17 client has no close; its threads end with the last reference.
        }
    }
}
