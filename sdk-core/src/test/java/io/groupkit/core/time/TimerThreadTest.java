package io.groupkit.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.GroupKitListener;
import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.Members;
import io.groupkit.core.MembersResult;
import io.groupkit.core.Outcome;
import io.groupkit.core.Policies;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.Unavailable;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.core.policy.TokenBucketRateLimiter;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The threading contract on real time, for every provider: nothing that follows a wait or an
 * alarm (the provider's next call, a listener, the caller's own stages) runs on the JDK's delay
 * timer thread, which every other wait in the JVM shares. Before, it did: a provider that
 * blocked in {@code add} after a pacing wait held up every other client's waits.
 */
class TimerThreadTest {
    /** The thread behind {@code CompletableFuture.delayedExecutor} and {@code completeOnTimeout}. */
    private static final String JDK_TIMER = "CompletableFutureDelayScheduler";
    private static final GroupRef GROUP = GroupRef.of("team@g.us");

    /** A provider that blocks inside {@code add} until released, and remembers where each call ran. */
    private static final class Blocking implements MembershipProvider {
        final Map<String, String> threads = new ConcurrentHashMap<>();
        final CountDownLatch entered = new CountDownLatch(2);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean answerAdds = true;

        @Override
        public String name() {
            return "blocking";
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.builder().memberKinds(MemberKind.PHONE).groupRefType(GroupRef.class)
                    .operations(Operation.ADD, Operation.MEMBERS).build();
        }

        @Override
        public List<RateLimit> rateLimits(Operation operation) {
            return List.of(RateLimit.of("adds", 1, Duration.ofMillis(300)));
        }

        @Override
        public CompletionStage<AddResult> add(AttemptContext context, GroupRef group, Member member) {
            threads.put("add " + member.value(), Thread.currentThread().getName());
            entered.countDown();
            if (!answerAdds) {
                return new CompletableFuture<>();
            }
            if (entered.getCount() == 0) {
                try {
                    release.await(5, TimeUnit.SECONDS); // a blocking provider, as a careless one is
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return CompletableFuture.completedFuture(new Added(ProviderDetail.of(name(), "ADDED")));
        }

        @Override
        public CompletionStage<MembersResult> members(AttemptContext context, GroupRef group) {
            threads.put("members", Thread.currentThread().getName());
            return CompletableFuture.completedFuture(new Members(ProviderDetail.of(name(), "MEMBERS"), List.<GroupMember>of()));
        }
    }

    @Test
    void aProviderBlockedAfterAPacingWaitDoesNotDelayAnotherClientsWait() throws Exception {
        Blocking provider = new Blocking();
        GroupMembership client = GroupMembership.create(provider, Policies.builder()
                .rateLimiter(new TokenBucketRateLimiter()).prechecks(Prechecks.OFF).build());
        assertInstanceOf(Added.class, client.add(GROUP, Member.phone("+79000000001")));
        // Waits ~300 ms for its permit, then blocks inside add for up to 5 s.
        CompletableFuture<AddResult> blocked = client.addAsync(GROUP, Member.phone("+79000000002"));
        assertTrue(provider.entered.await(10, TimeUnit.SECONDS), "the second add never reached the provider");

        long start = System.nanoTime();
        TimeSource.system().delay(Duration.ofMillis(200)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        assertTrue(tookMillis < 1_000, "another client's 200 ms wait took " + tookMillis + " ms");
        assertFalse(blocked.isDone(), "the provider is still blocked while the other wait went by");
        assertNotEquals(JDK_TIMER, provider.threads.get("add 79000000002"), "the add after the wait ran on the timer");
        provider.release.countDown();
        assertInstanceOf(Added.class, blocked.get(10, TimeUnit.SECONDS));
    }

    @Test
    void whatFollowsAnAttemptTimeoutRunsOffTheTimerThread() throws Exception {
        Blocking provider = new Blocking();
        provider.answerAdds = false;
        Map<String, String> listened = new ConcurrentHashMap<>();
        GroupMembership client = GroupMembership.create(provider, Policies.builder()
                .attemptTimeout(Duration.ofMillis(100)).retry(RetryPolicy.none()).prechecks(Prechecks.OFF)
                .listener(new GroupKitListener() {
                    @Override
                    public void attemptEnded(Call call, int attempt, Outcome outcome, Duration took) {
                        listened.put("attemptEnded", Thread.currentThread().getName());
                    }
                }).build());
        CompletableFuture<String> callers = client.addAsync(GROUP, Member.phone("+79000000001"))
                .thenApply(r -> {
                    // No answer, and the listing does not show the person: absent, and no retry allowed.
                    assertInstanceOf(Unavailable.class, r);
                    return Thread.currentThread().getName();
                });

        String callersThread = callers.get(10, TimeUnit.SECONDS);

        assertNotEquals(JDK_TIMER, callersThread, "the caller's stage ran on the timer");
        assertNotEquals(JDK_TIMER, provider.threads.get("members"), "the settling listing ran on the timer");
        assertNotEquals(JDK_TIMER, listened.get("attemptEnded"), "the listener ran on the timer");
    }

    @Test
    void whatFollowsACallTimeoutRunsOffTheTimerThread() throws Exception {
        Blocking provider = new Blocking();
        provider.answerAdds = false;
        GroupMembership client = GroupMembership.create(provider, Policies.builder()
                .callTimeout(Duration.ofMillis(100)).prechecks(Prechecks.OFF).build());

        String callersThread = client.addAsync(GROUP, Member.phone("+79000000001"))
                .thenApply(r -> {
                    assertEquals("CALL_TIMEOUT", r.detail().code());
                    return Thread.currentThread().getName();
                }).get(10, TimeUnit.SECONDS);

        assertNotEquals(JDK_TIMER, callersThread, "the caller's stage ran on the timer");
    }

    @Test
    void aSystemClockContinuesOnTheExecutorItIsGiven() throws Exception {
        ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "application-executor"));
        try {
            TimeSource time = TimeSource.system(mine);
            String afterDelay = time.delay(Duration.ofMillis(20)).thenApply(v -> Thread.currentThread().getName())
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
            String afterAlarm = time.alarm(Duration.ofMillis(20)).thenApply(v -> Thread.currentThread().getName())
                    .toCompletableFuture().get(10, TimeUnit.SECONDS);

            assertEquals("application-executor", afterDelay);
            assertEquals("application-executor", afterAlarm);
            CompletableFuture<Void> released = time.alarm(Duration.ofMillis(20)).toCompletableFuture();
            released.cancel(false);
            Thread.sleep(60);
            assertTrue(released.isCancelled(), "a released alarm stays released");
        } finally {
            mine.shutdownNow();
        }
    }
}
