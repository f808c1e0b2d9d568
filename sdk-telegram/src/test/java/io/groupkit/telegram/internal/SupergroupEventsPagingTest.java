package io.groupkit.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.JoinRequests;
import io.groupkit.core.events.EventPage;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.mtproto.TlWriter;
import io.groupkit.telegram.TelegramGroup;
import io.groupkit.testkit.time.VirtualTime;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A read down the admin log against logs that behave as Telegram may: bounds that include their
 * ids, an entry no layer-228 reader knows in the middle of a page, a log that does not page on,
 * more entries than one read takes. Each is answered exactly or as a gap; never an event made up
 * or a change silently lost.
 */
class SupergroupEventsPagingTest {
    private static final TelegramGroup.Supergroup GROUP = TelegramGroup.supergroup(7001, 77);
    private static final VirtualTime TIME = VirtualTime.create();
    private static final Instant NOW = TIME.now();
    private static final int UNKNOWN_ACTION = 0x0badf00d;

    /** A log of leaves by people 1..n, entry ids 10, 20, ...; how it treats its bounds is the test's. */
    private static final class Log implements SupergroupEvents.Calls {
        final List<Long> ids;
        Set<Long> unreadable = Set.of();
        boolean inclusive;
        boolean ignoresMaxId;
        int calls;

        Log(int n) {
            ids = LongStream.rangeClosed(1, n).map(i -> i * 10).boxed().toList();
        }

        @Override
        public RpcAnswer call(byte[] body) {
            calls++;
            try {
                TlReader r = new TlReader(body);
                assertEquals(Constructors.CHANNELS_GET_ADMIN_LOG, r.int32());
                r.int32();
                r.skip(20); // inputChannel
                r.string();
                r.skip(8); // the filter
                long maxId = r.int64();
                long minId = r.int64();
                int limit = r.int32();
                List<Long> page = ids.stream().sorted(java.util.Comparator.reverseOrder())
                        .filter(id -> inclusive ? id >= minId : id > minId)
                        .filter(id -> ignoresMaxId || maxId == 0 || (inclusive ? id <= maxId : id < maxId))
                        .limit(limit).toList();
                TlWriter w = new TlWriter().int32(Constructors.CHANNELS_ADMIN_LOG_RESULTS).int32(TlWriter.VECTOR)
                        .int32(page.size());
                for (long id : page) {
                    w.int32(Constructors.CHANNEL_ADMIN_LOG_EVENT).int64(id).int32((int) NOW.getEpochSecond() - 3600 + (int) id)
                            .int64(id / 10).int32(unreadable.contains(id) ? UNKNOWN_ACTION : Constructors.ADMIN_LOG_PARTICIPANT_LEAVE);
                }
                return new RpcAnswer.Result(w.int32(TlWriter.VECTOR).int32(0).int32(TlWriter.VECTOR).int32(0).toByteArray());
            } catch (TlException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static EventPage read(Log log, long after) {
        SupergroupEvents events = new SupergroupEvents(log, TIME, new AccessHashes(100),
                (g, p) -> new JoinRequests(TelegramProvider.detail("NONE", "none"), List.of(), Optional.empty()));
        return assertInstanceOf(EventPage.class, events.read(GROUP, Optional.of(
                new SupergroupCursor(after, NOW.getEpochSecond() - 60, 0, Set.of()).text())));
    }

    private static List<Long> who(EventPage page) {
        return page.events().stream().map(e -> Long.parseLong(e.member().value())).toList();
    }

    @Test
    void boundsThatIncludeTheirIdsLoseAndRepeatNothing() {
        Log log = new Log(250);
        log.inclusive = true;
        EventPage page = read(log, 300); // entries after the 30th
        assertEquals(LongStream.rangeClosed(31, 250).boxed().toList(), who(page), "oldest first, each once");
        assertFalse(page.gap());
        assertEquals(2500, SupergroupCursor.parse(page.cursor()).lastEntry());
        assertEquals(3, log.calls);
    }

    @Test
    void anEntryNoReaderKnowsIsLeftOutAndTheReadGoesOnBelowItAsAGap() {
        Log log = new Log(250);
        log.unreadable = Set.of(1230L); // in the middle of the second page
        EventPage page = read(log, 0);
        List<Long> expected = LongStream.rangeClosed(1, 250).filter(i -> i != 123).boxed().toList();
        assertEquals(expected, who(page), "every readable entry, below the unknown one too");
        assertTrue(page.gap(), "what the unknown entry did is for the listing to show");
        assertTrue(page.detail().description().contains("badf00d"), page.detail().description());
        assertEquals(2500, SupergroupCursor.parse(page.cursor()).lastEntry(), "read on after it next time");
        assertEquals(249, new HashSet<>(page.events().stream().map(MembershipEvent::id).toList()).size());
    }

    @Test
    void aLogThatDoesNotPageOnIsAGapNotASilentLoss() {
        Log log = new Log(250);
        log.ignoresMaxId = true;
        EventPage page = read(log, 0);
        assertTrue(page.gap());
        assertEquals(100, page.events().size(), "the newest page, as detail");
        assertEquals(2, log.calls);
    }

    @Test
    void moreEntriesThanOneReadTakesIsAGap() {
        Log log = new Log(SupergroupEvents.MAX_CALLS * AdminLogTl.MAX_LIMIT + 50);
        EventPage page = read(log, 0);
        assertTrue(page.gap());
        assertEquals(SupergroupEvents.MAX_CALLS, log.calls, "bounded");
        assertEquals(log.ids.get(log.ids.size() - 1), SupergroupCursor.parse(page.cursor()).lastEntry(),
                "read on from the newest entry");
    }

    @Test
    void aCursorBeforeTheLogsFirstEntryWithinTheWindowIsNoGap() {
        Log log = new Log(3);
        EventPage page = read(log, 0);
        assertFalse(page.gap());
        assertEquals(List.of(1L, 2L, 3L), who(page));
    }
}
