package io.groupkit.bitrix24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.core.RateLimited;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Each method's time budget at one portal: Bitrix24 cloud allows every REST method 480 seconds of
 * server time per 10 minutes. An answer that reports the budget spent past the slow-down share, or
 * an {@code OPERATION_TIME_LIMIT}, holds that method back until the budget recovers; the other
 * methods go on. Shared by everything that calls the portal.
 */
public final class TimeBudgets {
    /** Bitrix24 cloud's time budget per method: seconds of server time per 10 minutes. */
    static final double OPERATING_BUDGET = 480;

    private final BitrixAnswers answers;
    private final TimeSource time;
    private final double slowDownAt;
    private final ConcurrentMap<String, Long> pausedUntil = new ConcurrentHashMap<>(); // method -> nanoTime

    /**
     * The time budgets of one portal.
     *
     * @param answers the portal's answer reader
     * @param time the clock
     * @param slowDownShare the share of a method's time budget after which it waits for the budget's reset
     */
    public TimeBudgets(BitrixAnswers answers, TimeSource time, double slowDownShare) {
        this.answers = answers;
        this.time = time;
        this.slowDownAt = OPERATING_BUDGET * slowDownShare;
    }

    /** A method's time budget as the core's limit: it never limits by itself; running out holds back just this name. */
    static RateLimit limit(String method) {
        return new RateLimit(BitrixAnswers.operatingLimitName(method), 1000, Duration.ofSeconds(1), 1000);
    }

    /** Remembers a method's time budget from any answer that reports it. */
    BitrixAnswers.Read observe(String method, BitrixAnswers.Read read) {
        JsonNode t = read instanceof BitrixAnswers.Result r ? r.json().path("time") : null;
        if (t != null && t.isObject() && BitrixAnswers.number(t.path("operating")).orElse(0) >= slowDownAt) {
            pauseUntilReset(method, t.path("operating_reset_at"));
        }
        if (read instanceof BitrixAnswers.Error e && e.code().equals("OPERATION_TIME_LIMIT")) {
            pausedUntil.put(method, time.nanoTime() + Duration.ofMinutes(1).toNanos());
        }
        return read;
    }

    private void pauseUntilReset(String method, JsonNode resetAt) {
        OptionalLong at = BitrixAnswers.id(resetAt);
        Duration wait = at.isPresent() ? Duration.between(time.now(), Instant.ofEpochSecond(at.getAsLong())) : Duration.ofMinutes(1);
        if (!wait.isNegative()) {
            pausedUntil.put(method, time.nanoTime() + wait.toNanos());
        }
    }

    /** Why a method is held back now, if it is: nothing is sent until its budget recovers. */
    Optional<RateLimited> paused(String method) {
        Long until = pausedUntil.get(method);
        if (until == null || until - time.nanoTime() <= 0) {
            return Optional.empty();
        }
        Duration left = Duration.ofNanos(until - time.nanoTime());
        return Optional.of(new RateLimited(answers.detail("OPERATION_TIME_LIMIT",
                method + " has spent its time budget; held back until it recovers, nothing was sent"),
                Optional.of(left), Optional.of(BitrixAnswers.operatingLimitName(method))));
    }
}
