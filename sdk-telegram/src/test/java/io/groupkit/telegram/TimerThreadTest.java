package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AddResult;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.policy.TokenBucketRateLimiter;
import io.groupkit.core.time.TimeSource;
import io.groupkit.testkit.telegram.ServerFault;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The threading contract on real time: a Telegram call that a pacing wait released, stuck on a
 * silent server, runs on the client's own I/O thread, so it never holds up the JDK's shared delay
 * timer that every other client's waits run on. (Before, the call ran on that timer thread: an
 * unrelated 200 ms wait took the stuck call's whole timeout, 2,748 ms measured.)
 */
@Order(5)
class TimerThreadTest {

    @Test
    void aStuckCallDoesNotDelayAnotherClientsPacingWait() throws Exception {
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            sim.supergroup(Fixture.CHANNEL).user(101, "person_101", "12015550101").user(102, "person_102", "12015550102");
            TelegramClient stuck = Telegram.builder().session(TelegramSession.fromTelethon(sim.sessionString()))
                    .apiId(Fixture.API_ID).requestTimeout(Duration.ofSeconds(5))
                    .addPacing(RateLimit.of("adds", 1, Duration.ofMillis(300)))
                    .policies(Policies.builder().rateLimiter(new TokenBucketRateLimiter()).prechecks(Prechecks.OFF)
                            .attemptTimeout(Duration.ofSeconds(20)).build())
                    .build();
            TelegramGroup group = TelegramGroup.supergroup(Fixture.CHANNEL, sim.channelAccessHash(Fixture.CHANNEL));
            try {
                assertEquals(OutcomeKind.ADDED, stuck.add(group, TelegramClient.user(101, sim.accessHash(101))).kind());
                sim.fault(new ServerFault.Silence());
                // Waits ~300 ms for its permit on the shared timer, then blocks for up to 5 s.
                CompletableFuture<AddResult> silent = stuck.addAsync(group, TelegramClient.user(102, sim.accessHash(102)));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                int before = sim.calls().size();
                while (sim.calls().size() == before) {
                    assertTrue(System.nanoTime() < deadline, "the stuck call never reached the server");
                    Thread.sleep(10);
                }
                long start = System.nanoTime();
                TimeSource.system().delay(Duration.ofMillis(200)).toCompletableFuture().get(10, TimeUnit.SECONDS);
                long tookMillis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(tookMillis < 1_000, "another client's 200 ms wait took " + tookMillis + " ms");
                assertTrue(!silent.isDone(), "the silent call is still stuck while the other wait went by");
                silent.get(30, TimeUnit.SECONDS);
            } finally {
                stuck.close();
            }
        }
    }

    @Test
    void theClientsIoThreadEndsWithTheClient() throws Exception {
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            TelegramClient client = Telegram.builder().session(TelegramSession.fromTelethon(sim.sessionString()))
                    .apiId(Fixture.API_ID).build();
            client.state();
            assertTrue(Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("groupkit-telegram-io-")
                    && t.isAlive()), "the client's I/O thread runs its calls");
            client.close();
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, client::check,
                    "using a closed client is the caller's bug");
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().startsWith("groupkit-telegram-io-")
                    && t.isAlive())) {
                assertTrue(System.nanoTime() < deadline, "the I/O thread ended with the client");
                Thread.sleep(10);
            }
            client.close(); // twice: nothing happens
        }
    }
}
