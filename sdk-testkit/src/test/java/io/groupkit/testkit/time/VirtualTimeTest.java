package io.groupkit.testkit.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VirtualTimeTest {

    @Test
    void aDelayCompletesAtOnceAndMovesTheClock() {
        VirtualTime time = VirtualTime.create();
        assertTrue(time.delay(Duration.ofSeconds(5)).toCompletableFuture().isDone());
        assertEquals(Duration.ofSeconds(5), time.elapsed());
        assertEquals(Instant.parse("2026-01-01T00:00:05Z"), time.now());
        assertEquals(1, time.waitCount());
    }

    @Test
    void waitsFromTheSameInstantOverlap() {
        VirtualTime time = VirtualTime.create();
        time.delay(Duration.ofMillis(100));
        // A second waiter that started at 0 and waits 50 ms is already past its end.
        long before = time.nanoTime();
        time.delay(Duration.ZERO);
        assertEquals(before, time.nanoTime());
        time.advance(Duration.ofMillis(1));
        assertEquals(Duration.ofMillis(101), time.elapsed());
    }

    @Test
    void zeroAndNegativeDelaysDoNothing() {
        VirtualTime time = VirtualTime.create();
        time.delay(Duration.ZERO);
        time.delay(Duration.ofSeconds(-3));
        assertEquals(Duration.ZERO, time.elapsed());
        assertEquals(0, time.waitCount());
        assertThrows(IllegalArgumentException.class, () -> time.advance(Duration.ofSeconds(-1)));
    }

    @Test
    void hugeDelaysSaturate() {
        VirtualTime time = VirtualTime.create();
        time.delay(Duration.ofDays(365L * 1_000_000));
        assertEquals(Long.MAX_VALUE, time.nanoTime());
    }

    @Test
    void anAlarmGoesOffOnlyWhenSomeoneElseMovesTheClockPastIt() {
        VirtualTime time = VirtualTime.create();
        var alarm = time.alarm(Duration.ofSeconds(60)).toCompletableFuture();
        assertFalse(alarm.isDone());
        time.delay(Duration.ofSeconds(59));
        assertFalse(alarm.isDone());
        assertEquals(Duration.ofSeconds(59), time.elapsed(), "setting an alarm moves no time");
        time.advance(Duration.ofSeconds(1));
        assertTrue(alarm.isDone());
        assertEquals(0, time.pendingAlarms());
    }

    @Test
    void alarmsGoOffInOrderAndMayChain() {
        VirtualTime time = VirtualTime.create();
        StringBuilder order = new StringBuilder();
        time.alarm(Duration.ofSeconds(2)).thenRun(() -> order.append('b'));
        time.alarm(Duration.ofSeconds(1)).thenRun(() -> {
            order.append('a');
            time.alarm(Duration.ZERO).thenRun(() -> order.append('z'));
        });
        time.advance(Duration.ofSeconds(5));
        assertEquals("azb", order.toString());
    }

    @Test
    void cancelledAlarmsAreNotKeptForever() {
        VirtualTime time = VirtualTime.create();
        for (int i = 0; i < 10_000; i++) {
            time.alarm(Duration.ofHours(1)).toCompletableFuture().cancel(false);
        }
        assertTrue(time.pendingAlarms() <= 2048, "pending: " + time.pendingAlarms());
    }

    @Test
    void systemTimeWaitsForReal() {
        TimeSource system = TimeSource.system();
        long start = system.nanoTime();
        system.delay(Duration.ofMillis(20)).toCompletableFuture().join();
        assertTrue(system.nanoTime() - start >= Duration.ofMillis(20).toNanos());
        assertTrue(system.delay(Duration.ZERO).toCompletableFuture().isDone());
    }
}
