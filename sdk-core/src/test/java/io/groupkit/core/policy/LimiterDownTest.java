package io.groupkit.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.Added;
import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.Unavailable;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.testing.ScriptedProvider;
import io.groupkit.core.internal.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A rate limiter that cannot answer (a fleet's Redis or PostgreSQL is down) never means unpaced
 * sending: nothing goes out, the outcome says why, and the call goes through once the limiter
 * answers again.
 */
class LimiterDownTest {
    private static final GroupRef GROUP = GroupRef.of("team@g.us");

    /** A limiter over a store that is down for the first {@code failures} questions. */
    private static final class Flaky implements RateLimiter {
        private final RateLimiter inner = new TokenBucketRateLimiter();
        private final AtomicInteger failuresLeft;
        private final boolean throwing;
        final AtomicInteger asked = new AtomicInteger();

        Flaky(int failures, boolean throwing) {
            this.failuresLeft = new AtomicInteger(failures);
            this.throwing = throwing;
        }

        @Override
        public Duration reserve(String key, RateLimit limit, long nowNanos) {
            return inner.reserve(key, limit, nowNanos);
        }

        @Override
        public CompletionStage<Duration> reserveAsync(String key, RateLimit limit, long nowNanos) {
            asked.incrementAndGet();
            if (failuresLeft.getAndDecrement() > 0) {
                if (throwing) {
                    throw new IllegalStateException("the store is down");
                }
                return CompletableFuture.failedFuture(new java.io.IOException("connection refused"));
            }
            // The store answers on its own thread, a little later.
            return CompletableFuture.supplyAsync(() -> inner.reserve(key, limit, nowNanos));
        }
    }

    private static ScriptedProvider fake(VirtualClock time) {
        // Every operation under a limit, as a real provider's are: each call needs a permit.
        ScriptedProvider fake = ScriptedProvider.builder().time(time)
                .rateLimit(Operation.ADD, RateLimit.of("adds", 1, Duration.ofSeconds(2)))
                .rateLimit(Operation.REMOVE, RateLimit.of("removals", 1, Duration.ofSeconds(2)))
                .rateLimit(Operation.MEMBERS, RateLimit.of("listings", 1, Duration.ofSeconds(1)))
                .rateLimit(Operation.PRECHECK, RateLimit.of("checks", 1, Duration.ofSeconds(1)))
                .build();
        fake.group(GROUP);
        return fake;
    }

    @Test
    void aLimiterThatIsDownSendsNothingAndSaysWhy() {
        for (boolean throwing : List.of(false, true)) {
            VirtualClock time = VirtualClock.create();
            ScriptedProvider fake = fake(time);
            Flaky limiter = new Flaky(Integer.MAX_VALUE, throwing);
            GroupMembership client = GroupMembership.create(fake, Policies.builder().time(time).rateLimiter(limiter).build());

            Unavailable r = assertInstanceOf(Unavailable.class, client.add(GROUP, Member.phone("+79000000001")));

            assertEquals("RATE_LIMITER_UNAVAILABLE", r.detail().code(), r.toString());
            assertTrue(r.remedy().contains("sends nothing unpaced"), r.remedy());
            assertTrue(fake.calls().isEmpty(), () -> "sent without a permit: " + fake.calls());
            assertTrue(limiter.asked.get() >= 2, "asked again after backoff, as an unavailable provider is");
            assertTrue(time.nanoTime() <= java.time.Duration.ofSeconds(3).toNanos(), "reported within the rateLimiterTimeout");
            assertEquals("RATE_LIMITER_UNAVAILABLE", client.remove(GROUP, Member.phone("+79000000001")).detail().code());
            assertEquals("RATE_LIMITER_UNAVAILABLE", client.members(GROUP).detail().code());
            assertTrue(fake.calls().isEmpty(), () -> "sent without a permit: " + fake.calls());
        }
    }

    /** A store that never answers (a Redis behind a dead network): at most rateLimiterTimeout, then one answer naming it. */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aLimiterThatNeverAnswersIsReportedWithinItsTimeoutWhateverTheOperation() {
        VirtualClock time = VirtualClock.create();
        ScriptedProvider fake = fake(time);
        AtomicInteger asked = new AtomicInteger();
        RateLimiter silent = new RateLimiter() {
            @Override
            public Duration reserve(String key, RateLimit limit, long nowNanos) {
                throw new AssertionError("GroupKit asks asynchronously");
            }

            @Override
            public CompletionStage<Duration> reserveAsync(String key, RateLimit limit, long nowNanos) {
                asked.incrementAndGet();
                return new CompletableFuture<>();
            }

            @Override
            public String toString() {
                return "SilentStore[redis://10.0.0.9]";
            }
        };
        GroupMembership client = GroupMembership.create(fake, Policies.builder().time(time).rateLimiter(silent)
                .rateLimiterTimeout(Duration.ofSeconds(2)).build());
        List<CompletableFuture<? extends io.groupkit.core.Outcome>> calls = List.of(
                client.addAsync(GROUP, Member.phone("+79000000001")).toCompletableFuture(),
                client.removeAsync(GROUP, Member.phone("+79000000001")).toCompletableFuture(),
                client.membersAsync(GROUP).toCompletableFuture());
        // The store hangs: only the passing of time answers. Nothing has answered before the time allowed.
        time.advance(Duration.ofMillis(1_999));
        calls.forEach(c -> assertTrue(!c.isDone(), () -> "answered before the rateLimiterTimeout: " + c.join()));
        time.advance(Duration.ofMillis(1));
        List<io.groupkit.core.Outcome> outcomes = calls.stream().<io.groupkit.core.Outcome>map(c -> {
            try {
                return c.get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("no answer once the rateLimiterTimeout passed", e);
            }
        }).toList();
        for (io.groupkit.core.Outcome o : outcomes) {
            assertEquals("RATE_LIMITER_UNAVAILABLE", o.detail().code(), o.toString());
            assertTrue(o.detail().description().contains("SilentStore[redis://10.0.0.9]"), "names the store: " + o);
            assertTrue(o.detail().description().contains("no answer within PT2S"), o.toString());
            assertTrue(o.haltsBulk());
        }
        assertEquals(outcomes.size(), asked.get(), "each call asked once: a silent store is not asked again and again");
        assertTrue(fake.calls().isEmpty(), () -> "sent without a permit: " + fake.calls());
    }

    @Test
    void aLimiterThatComesBackLetsTheCallGoOnce() {
        VirtualClock time = VirtualClock.create();
        ScriptedProvider fake = fake(time);
        Flaky limiter = new Flaky(1, false);
        GroupMembership client = GroupMembership.create(fake, Policies.builder().time(time).rateLimiter(limiter)
                .prechecks(Prechecks.OFF).build());

        assertInstanceOf(Added.class, client.add(GROUP, Member.phone("+79000000001")));

        assertEquals(1, fake.calls(Operation.ADD).size(), "sent once, after the limiter answered");
    }

    @Test
    void aBulkRunWhileTheLimiterIsDownSendsNobody() {
        VirtualClock time = VirtualClock.create();
        ScriptedProvider fake = fake(time);
        GroupMembership client = GroupMembership.create(fake, Policies.builder().time(time)
                .rateLimiter(new Flaky(Integer.MAX_VALUE, false)).build());

        BulkReport report = client.addAll(GROUP, List.of(Member.phone("+79000000001"), Member.phone("+79000000002"),
                Member.phone("+79000000003")), BulkOptions.defaults());

        assertEquals("RATE_LIMITER_UNAVAILABLE", report.stoppedBy().orElseThrow().detail().code(),
                "a store that is down stops the run: everyone else would wait as long for it");
        report.entries().forEach(e -> assertEquals("RATE_LIMITER_UNAVAILABLE", e.outcome().detail().code()));
        assertEquals(3, report.entries().size() + report.notAttempted().size());
        assertTrue(fake.calls().isEmpty(), () -> "sent without a permit: " + fake.calls());
    }

    @Test
    void anAsynchronousLimitersWaitIsHonoured() {
        VirtualClock time = VirtualClock.create();
        ScriptedProvider fake = fake(time);
        GroupMembership client = GroupMembership.create(fake, Policies.builder().time(time)
                .rateLimiter(new Flaky(0, false)).prechecks(Prechecks.OFF).build());
        long start = time.nanoTime();

        for (int i = 1; i <= 5; i++) {
            assertInstanceOf(Added.class, client.add(GROUP, Member.phone("+7900000000" + i)));
        }

        List<Long> sentAt = fake.calls(Operation.ADD).stream().map(c -> c.atNanos()).toList();
        assertEquals(5, sentAt.size());
        long interval = fake.rateLimits(Operation.ADD).get(0).interval().toNanos();
        for (int i = 1; i < sentAt.size(); i++) {
            assertTrue(sentAt.get(i) - sentAt.get(i - 1) >= interval, () -> "adds closer than the limit allows: " + sentAt);
        }
        assertTrue(time.nanoTime() - start >= 4 * interval);
    }
}
