package io.groupkit.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.Framing;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.telegram.internal.TlSchema.TlObject;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The update-state requests and answers against tdlib's layer-228 schema (its telegram_api.tl
 * lines in {@code layer228-updates-lines.tl}): every id GroupKit writes or reads is the schema's,
 * the table the adapter reads updates with holds those lines as they are, the requests read back
 * field by field, and the fake data centre's answers and pushes are read by the table to their end.
 */
class UpdatesLayerTest {
    private static final Pattern LINE = Pattern.compile("^([\\w.]+)#([0-9a-f]+)(.*?)\\s*=\\s*([\\w.<>]+);$");
    private static final List<String> METHODS = List.of("updates.getState", "updates.getDifference");
    private static final Map<String, Integer> IDS = new HashMap<>();
    private static final Map<Integer, String> ROWS = new HashMap<>();
    private static TlSchema lines;
    private static final TlSchema TABLE = TlSchema.load("layer228-updates.tl");

    @BeforeAll
    static void load() throws IOException {
        StringBuilder rows = new StringBuilder();
        try (InputStream in = UpdatesLayerTest.class.getResourceAsStream("layer228-updates-lines.tl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("//")) {
                    continue;
                }
                Matcher m = LINE.matcher(line.strip());
                assertTrue(m.matches(), line);
                int id = Integer.parseUnsignedInt(m.group(2), 16);
                IDS.put(m.group(1), id);
                String type = METHODS.contains(m.group(1)) ? "!" + m.group(1) : m.group(4);
                String row = String.format("%08x %s %s %s", id, type, m.group(1), m.group(3).strip()).strip();
                ROWS.put(id, row);
                rows.append(row).append('\n');
            }
        }
        lines = TlSchema.parse(rows.toString());
    }

    @Test
    void everyUpdatesIdIsLayer228s() {
        assertEquals(IDS.get("updates.getState"), UpdatesTl.GET_STATE);
        assertEquals(IDS.get("updates.getDifference"), UpdatesTl.GET_DIFFERENCE);
        assertEquals(IDS.get("updates"), UpdatesTl.UPDATES);
        assertEquals(IDS.get("updates"), Constructors.UPDATES);
        assertEquals(IDS.get("updatesCombined"), UpdatesTl.UPDATES_COMBINED);
        assertEquals(IDS.get("updateShort"), UpdatesTl.UPDATE_SHORT);
        assertEquals(IDS.get("updatesTooLong"), UpdatesTl.UPDATES_TOO_LONG);
        assertEquals(IDS.get("updateShortMessage"), UpdatesTl.UPDATE_SHORT_MESSAGE);
        assertEquals(IDS.get("updateShortChatMessage"), UpdatesTl.UPDATE_SHORT_CHAT_MESSAGE);
        assertEquals(IDS.get("peerUser"), Constructors.PEER_USER);
        assertEquals(IDS.get("peerChat"), Constructors.PEER_CHAT);
    }

    @Test
    void theAdaptersTableHoldsEachOfTheseConstructorsAsTheSchemaHasIt() {
        Map<Integer, String> table = new HashMap<>();
        for (TlSchema.Constructor c : TABLE.constructors()) {
            table.put(c.id(), c.name());
        }
        for (Map.Entry<String, Integer> e : IDS.entrySet()) {
            if (!METHODS.contains(e.getKey())) {
                assertEquals(e.getKey(), table.get(e.getValue()), () -> e.getKey() + " in layer228-updates.tl");
                TlSchema.Constructor ours = TABLE.constructors().stream().filter(c -> c.id() == e.getValue())
                        .findFirst().orElseThrow();
                TlSchema.Constructor theirs = lines.constructors().stream().filter(c -> c.id() == e.getValue())
                        .findFirst().orElseThrow();
                assertEquals(theirs.fields(), ours.fields(), () -> e.getKey() + "'s fields and flags");
            }
        }
    }

    @Test
    void theRequestsReadBackFieldByFieldByTheSchema() throws TlException {
        TlReader r = new TlReader(UpdatesTl.getState());
        assertEquals("updates.getState", lines.object(r, "!updates.getState").name());
        assertEquals(0, r.remaining());

        TlReader d = new TlReader(UpdatesTl.getDifference(new UpdatesTl.State(120, 3, 1_700_000_123, 9), 5000));
        TlObject diff = lines.object(d, "!updates.getDifference");
        assertEquals(0, d.remaining(), "getDifference read to its end");
        assertEquals(120, diff.int32("pts"));
        assertEquals(5000, diff.int32("pts_total_limit"));
        assertEquals(1_700_000_123, diff.int32("date"));
        assertEquals(3, diff.int32("qts"));
        assertFalse(diff.has("pts_limit") || diff.has("qts_limit"));
    }

    @Test
    void theFakeDataCentresStateDifferenceAndPushesReadByTheSchema() throws TlException {
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            sim.user(150, "person_150", null).user(151, "person_151", null).basicGroup(5001, 151);
            List<byte[]> pushed = new CopyOnWriteArrayList<>();
            try (MtprotoConnection c = connection(sim)) {
                c.listen(new MtprotoConnection.Updates() {
                    @Override
                    public void pushed(byte[] body) {
                        pushed.add(body);
                    }

                    @Override
                    public void lost() {
                    }
                });
                UpdatesTl.State start = UpdatesTl.readState(result(c.call(UpdatesTl.getState())));
                sim.addedBy(5001, 150, 151);
                sim.removedBy(5001, 151, TelegramSimulator.SELF);
                result(c.call(UpdatesTl.getState())); // its answer comes after the pushes on the connection
                assertEquals(2, pushed.size(), "one updates container per change");
                TlReader p = new TlReader(pushed.get(0));
                TlObject first = TABLE.object(p, "Updates");
                assertEquals(0, p.remaining(), "the push read to its end");
                assertEquals("updates", first.name());
                assertEquals(start.seq() + 1, first.int32("seq"));
                TlObject newMessage = (TlObject) first.list("updates").get(0);
                assertEquals("updateNewMessage", newMessage.name());
                assertEquals(start.pts() + 1, newMessage.int32("pts"));
                assertEquals(1, newMessage.int32("pts_count"));
                assertEquals("messageService", newMessage.object("message").name());
                TlObject participant = (TlObject) first.list("updates").get(1);
                assertEquals("updateChatParticipantAdd", participant.name());
                assertEquals(151L, participant.int64("inviter_id"));
                assertEquals(1, participant.int32("version"));
                TlObject second = TABLE.object(new TlReader(pushed.get(1)), "Updates");
                assertEquals("updateChatParticipantDelete", ((TlObject) second.list("updates").get(1)).name());

                TlReader d = new TlReader(result(c.call(UpdatesTl.getDifference(start, 5000))));
                TlObject diff = TABLE.object(d, "updates.Difference");
                assertEquals(0, d.remaining(), "the difference read to its end");
                assertEquals("updates.difference", diff.name());
                assertEquals(2, diff.list("new_messages").size());
                UpdatesTl.Some some = assertInstanceOf(UpdatesTl.Some.class,
                        UpdatesTl.readDifference(result(c.call(UpdatesTl.getDifference(start, 5000)))));
                assertEquals(List.of(new UpdatesTl.AddUsers(List.of(150L)), new UpdatesTl.DeleteUser(151)),
                        some.messages().stream().map(UpdatesTl.ServiceMessage::action).toList());
                assertEquals(start.pts() + 2, some.state().pts());

                assertInstanceOf(UpdatesTl.Empty.class, UpdatesTl.readDifference(result(c.call(
                        UpdatesTl.getDifference(some.state(), 5000)))), "nothing since: differenceEmpty");
                UpdatesTl.TooLong tooLong = assertInstanceOf(UpdatesTl.TooLong.class, UpdatesTl.readDifference(result(
                        c.call(UpdatesTl.getDifference(start, 1)))), "a gap above pts_total_limit");
                assertEquals(start.pts() + 2, tooLong.pts());
            }
        }
    }

    @Test
    void combinedShortAndTooLongPushesAreReadForTheirPtsAndSeq() throws TlException {
        io.groupkit.mtproto.TlWriter deleted = new io.groupkit.mtproto.TlWriter().int32(IDS.get("updateNewMessage"))
                .int32(IDS.get("messageService")).int32(1 << 8).int32(77).int32(IDS.get("peerUser")).int64(150)
                .int32(IDS.get("peerChat")).int64(5001).int32(1_700_000_000).int32(IDS.get("messageActionChatDeleteUser"))
                .int64(151).int32(130).int32(1);
        byte[] combined = new io.groupkit.mtproto.TlWriter().int32(IDS.get("updatesCombined")).int32(0x1cb5c415).int32(1)
                .raw(deleted.toByteArray()).int32(0x1cb5c415).int32(0).int32(0x1cb5c415).int32(0).int32(1_700_000_001)
                .int32(8).int32(9).toByteArray();
        UpdatesTl.Pushed c = UpdatesTl.readPushed(combined);
        assertEquals(List.of(8, 9, 1_700_000_001), List.of(c.seqStart(), c.seq(), c.date()));
        assertEquals(1, c.ptsUpdates().size());
        assertEquals(130, c.ptsUpdates().get(0).pts());
        assertEquals(new UpdatesTl.ServiceMessage(5001, 77, 1_700_000_000, 150, new UpdatesTl.DeleteUser(151)),
                c.ptsUpdates().get(0).message().orElseThrow());

        byte[] shortOne = new io.groupkit.mtproto.TlWriter().int32(IDS.get("updateShort")).raw(deleted.toByteArray())
                .int32(1_700_000_002).toByteArray();
        UpdatesTl.Pushed s = UpdatesTl.readPushed(shortOne);
        assertEquals(List.of(0, 0), List.of(s.seqStart(), s.seq()), "updateShort has no seq");
        assertEquals(130, s.ptsUpdates().get(0).pts());

        byte[] participant = new io.groupkit.mtproto.TlWriter().int32(IDS.get("updateShort"))
                .int32(IDS.get("updateChatParticipantDelete")).int64(5001).int64(151).int32(4).int32(1_700_000_003)
                .toByteArray();
        assertEquals(List.of(), UpdatesTl.readPushed(participant).ptsUpdates(), "no pts of its own: version only");
        assertTrue(UpdatesTl.readPushed(new io.groupkit.mtproto.TlWriter().int32(IDS.get("updatesTooLong")).toByteArray())
                .tooLong());
    }

    private static byte[] result(RpcAnswer answer) {
        return assertInstanceOf(RpcAnswer.Result.class, answer).body();
    }

    private static MtprotoConnection connection(TelegramSimulator sim) {
        return new MtprotoConnection(new MtprotoConnection.Settings("127.0.0.1", sim.port(), Framing.INTERMEDIATE,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1), 1 << 20, 228, 271_828, "test", "Java",
                "1", "en"), sim.authKey(), 0, TimeSource.system(), new SecureRandom());
    }
}
