package io.groupkit.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.testkit.time.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageIdsTest {
    private final VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-11-22T06:00:00Z"));
    private final MessageIds ids = new MessageIds(time);

    @Test
    void idsAreUnixTimeTimes2To32DivisibleBy4AndIncreasing() {
        long first = ids.next();
        assertEquals(time.now().getEpochSecond(), first >>> 32);
        assertEquals(0, first & 3);
        long previous = first;
        for (int i = 0; i < 1000; i++) {
            long id = ids.next(); // same instant: ids still grow
            assertTrue(id > previous);
            assertEquals(0, id & 3);
            previous = id;
        }
        time.advance(Duration.ofMillis(500));
        long later = ids.next();
        assertEquals(time.now().getEpochSecond(), later >>> 32);
        assertTrue((later & 0xffffffffL) > 0x7fffff00L, "half a second is about half of 2^32 in the low bits");
    }

    @Test
    void seqNosFollowTheContentRule() {
        assertEquals(1, ids.contentSeqNo());
        assertEquals(2, ids.serviceSeqNo());
        assertEquals(3, ids.contentSeqNo());
        assertEquals(5, ids.contentSeqNo());
        assertEquals(6, ids.serviceSeqNo());
        assertEquals(6, ids.serviceSeqNo());
    }

    @Test
    void aServerIdResyncsTheClock() {
        long serverSecond = time.now().getEpochSecond() + 120; // our clock is two minutes slow
        ids.resync((serverSecond << 32) | 1);
        assertEquals(serverSecond, ids.next() >>> 32);
    }

    /** After a correction backwards the ids would fall below those sent: that takes a new session. */
    @Test
    void idsNeverGoBackWithinASession() {
        long serverSecond = time.now().getEpochSecond() + 120;
        ids.resync((serverSecond << 32) | 1); // two minutes ahead: forward, same session
        long sent = ids.next();
        assertTrue(ids.contentSeqNo() == 1);
        assertFalse(ids.resync(((serverSecond + 10) << 32) | 1), "forward again: the session goes on");
        assertTrue(ids.next() > sent);
        assertTrue(ids.resync(((serverSecond - 100) << 32) | 1), "backwards: a new session must begin");
        assertEquals(1, ids.contentSeqNo(), "the new session's sequence starts afresh");
        assertEquals(serverSecond - 100, ids.next() >>> 32);
    }

    @Test
    void serverIdsMustHaveServerParityAndBeFresh() {
        long now = time.now().getEpochSecond();
        assertTrue(ids.acceptableFromServer((now << 32) | 1));
        assertTrue(ids.acceptableFromServer((now << 32) | 3));
        assertFalse(ids.acceptableFromServer((now << 32) | 4), "client parity");
        assertFalse(ids.acceptableFromServer(((now - 301) << 32) | 1), "too old");
        assertFalse(ids.acceptableFromServer(((now + 31) << 32) | 1), "too far ahead");
    }
}
