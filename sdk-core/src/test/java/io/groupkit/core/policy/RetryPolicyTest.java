package io.groupkit.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void backoffDoublesUpToTheCap() {
        RetryPolicy p = RetryPolicy.builder().initialBackoff(Duration.ofMillis(500)).maxBackoff(Duration.ofSeconds(3))
                .jitter(0).build();
        assertEquals(Duration.ofMillis(500), p.backoff(1, 0.7));
        assertEquals(Duration.ofMillis(1000), p.backoff(2, 0.7));
        assertEquals(Duration.ofMillis(2000), p.backoff(3, 0.7));
        assertEquals(Duration.ofMillis(3000), p.backoff(4, 0.7));
        assertEquals(Duration.ofMillis(3000), p.backoff(60, 0.7));
    }

    @Test
    void jitterTakesUpToItsShareOff() {
        RetryPolicy p = RetryPolicy.builder().jitter(0.2).build();
        assertEquals(Duration.ofMillis(1000), p.backoff(2, 0.0));
        assertEquals(Duration.ofMillis(900), p.backoff(2, 0.5));
        assertEquals(Duration.ofMillis(800), p.backoff(2, 1.0));
    }

    @Test
    void defaultsAreDocumented() {
        RetryPolicy p = RetryPolicy.defaults();
        assertEquals(4, p.maxAttempts());
        assertEquals(Duration.ofSeconds(60), p.maxServerWait());
        assertEquals(1, RetryPolicy.none().maxAttempts());
    }

    @Test
    void nonsenseIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().maxAttempts(0));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().jitter(1.5));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().multiplier(0.5));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().multiplier(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class,
                () -> RetryPolicy.builder().initialBackoff(Duration.ofSeconds(10)).maxBackoff(Duration.ofSeconds(1)).build());
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().backoff(0, 0));
    }
}
