package io.groupkit.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.EventsResult;
import io.groupkit.core.RateLimited;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What channels.getAdminLog's documented errors mean to a supergroup's events, and the cursor's form. */
class SupergroupEventsOutcomesTest {

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource({
            "403, CHAT_ADMIN_REQUIRED, Unsupported, comparing listings",
            "400, CHAT_ADMIN_REQUIRED, Unsupported, comparing listings",
            "406, CHANNEL_PRIVATE, AccessDenied, not in this channel",
            "400, CHANNEL_PRIVATE, AccessDenied, not in this channel",
            "400, CHANNEL_INVALID, NotFound, no such group",
            "420, FLOOD_WAIT_31, RateLimited, wait 31 s",
            "401, AUTH_KEY_UNREGISTERED, Unauthorized, no longer logged in",
            "500, RPC_CALL_FAIL, Unavailable, internal error",
            "400, SOMETHING_NEW, Unrecognized, does not know"})
    void eachDocumentedErrorIsItsOutcome(int code, String message, String kind, String says) {
        EventsResult r = SupergroupEvents.outcome(new RpcAnswer.Error(code, message));
        assertEquals(kind, r.getClass().getSimpleName());
        assertEquals(message, r.detail().code());
        assertTrue(r.detail().description().contains(says), r.detail().description());
        if (r instanceof RateLimited limited) {
            assertEquals(Optional.of(Duration.ofSeconds(31)), limited.retryAfter());
        }
    }

    @Test
    void theCursorKeepsTheEntryTheTimeAndTheNewestRequests() {
        SupergroupCursor c = new SupergroupCursor(901, 1_800_000_000, 1_799_999_000, Set.of(150L, 7L));
        assertEquals("sg1:901:1800000000:1799999000:7.150", c.text());
        assertEquals(c, SupergroupCursor.parse(c.text()));
        assertEquals(new SupergroupCursor(0, 5, 0, Set.of()), SupergroupCursor.parse("sg1:0:5:0:"));
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class, () -> SupergroupCursor.parse("42"));
        assertTrue(foreign.getMessage().contains("expected a cursor of a Telegram supergroup"), foreign.getMessage());
        Set<Long> many = new java.util.HashSet<>();
        for (long i = 1; i <= 150; i++) {
            many.add(i);
        }
        assertEquals(SupergroupCursor.MAX_IDS, SupergroupCursor.bounded(many).size(), "bounded");
        SupergroupCursor full = new SupergroupCursor(1, 1, 1, SupergroupCursor.bounded(many));
        assertEquals(full, SupergroupCursor.parse(full.text()));
    }
}
