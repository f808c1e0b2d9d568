package io.groupkit.core.policy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

/** Checks of call start times against a {@link RateLimit}. */
final class PacingProperties {
    private PacingProperties() {
    }

    /**
     * The token-bucket guarantee over every pair of calls (starts sorted): the j-th call after
     * the i-th comes no sooner than {@code (j - i) * interval - (burst - 1) * interval} after it.
     */
    static void assertNeverAboveTheLimit(List<Long> sortedStarts, RateLimit limit) {
        long t = limit.interval().toNanos();
        long tolerance = (limit.burst() - 1) * t;
        for (int i = 0; i < sortedStarts.size(); i++) {
            for (int j = i + 1; j < sortedStarts.size(); j++) {
                long gap = sortedStarts.get(j) - sortedStarts.get(i);
                long needed = (j - i) * t - tolerance;
                int a = i;
                int b = j;
                assertTrue(gap >= needed, () -> "calls " + a + " and " + b + " are " + gap + " ns apart, the limit "
                        + limit + " needs " + needed);
            }
        }
    }

    /** With a burst of 1: no half-open window of length {@code per} holds more than {@code permits} calls. */
    static void assertNoWindowOverfull(List<Long> sortedStarts, RateLimit limit) {
        long per = limit.per().toNanos();
        int j = 0;
        for (int i = 0; i < sortedStarts.size(); i++) {
            while (j < sortedStarts.size() && sortedStarts.get(j) < sortedStarts.get(i) + per) {
                j++;
            }
            int inWindow = j - i;
            long from = sortedStarts.get(i);
            assertTrue(inWindow <= limit.permits(), () -> inWindow + " calls in the window from " + from + " ns, limit " + limit);
        }
    }
}
