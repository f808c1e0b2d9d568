package io.groupkit.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.Member;
import io.groupkit.core.MemberRole;
import io.groupkit.core.events.Demoted;
import io.groupkit.core.events.JoinHow;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.Promoted;
import io.groupkit.core.events.Removed;
import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.Framing;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.mtproto.TlWriter;
import io.groupkit.telegram.TelegramGroup;
import io.groupkit.telegram.internal.TlSchema.TlObject;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code channels.getAdminLog} against tdlib's layer-228 schema (its lines in
 * {@code layer228-adminlog-lines.tl}): every id GroupKit uses is the schema's, the request reads
 * back field by field, the reader's table agrees with the schema, entries of every kind are read
 * or stepped over, and the fake data centre's answers read to their end.
 */
class AdminLogLayerTest {
    private static final Pattern LINE = Pattern.compile("^([\\w.]+)#([0-9a-f]+)(.*?)\\s*=\\s*([\\w.<>]+);$");
    private static final Map<String, Integer> IDS = new HashMap<>();
    private static final TelegramGroup.Supergroup GROUP = TelegramGroup.supergroup(7001, 77);
    private static TlSchema lines;
    private static final TlSchema CLOSURE = TlSchema.load("layer228-adminlog.tl");

    @BeforeAll
    static void load() throws IOException {
        StringBuilder rows = new StringBuilder();
        try (InputStream in = AdminLogLayerTest.class.getResourceAsStream("layer228-adminlog-lines.tl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("//")) {
                    continue;
                }
                Matcher m = LINE.matcher(line.strip());
                assertTrue(m.matches(), line);
                int id = Integer.parseUnsignedInt(m.group(2), 16);
                IDS.put(m.group(1), id);
                String type = m.group(1).equals("channels.getAdminLog") ? "!channels.getAdminLog" : m.group(4);
                rows.append(String.format("%08x %s %s %s%n", id, type, m.group(1), m.group(3).strip()));
            }
        }
        lines = TlSchema.parse(rows.toString());
    }

    @Test
    void everyAdminLogIdIsLayer228s() {
        Map<String, Integer> ours = Map.ofEntries(
                Map.entry("channels.getAdminLog", Constructors.CHANNELS_GET_ADMIN_LOG),
                Map.entry("channelAdminLogEventsFilter", Constructors.CHANNEL_ADMIN_LOG_EVENTS_FILTER),
                Map.entry("channels.adminLogResults", Constructors.CHANNELS_ADMIN_LOG_RESULTS),
                Map.entry("channelAdminLogEvent", Constructors.CHANNEL_ADMIN_LOG_EVENT),
                Map.entry("channelAdminLogEventActionParticipantJoin", Constructors.ADMIN_LOG_PARTICIPANT_JOIN),
                Map.entry("channelAdminLogEventActionParticipantLeave", Constructors.ADMIN_LOG_PARTICIPANT_LEAVE),
                Map.entry("channelAdminLogEventActionParticipantInvite", Constructors.ADMIN_LOG_PARTICIPANT_INVITE),
                Map.entry("channelAdminLogEventActionParticipantJoinByInvite", Constructors.ADMIN_LOG_PARTICIPANT_JOIN_BY_INVITE),
                Map.entry("channelAdminLogEventActionParticipantJoinByRequest",
                        Constructors.ADMIN_LOG_PARTICIPANT_JOIN_BY_REQUEST),
                Map.entry("channelAdminLogEventActionParticipantToggleBan", Constructors.ADMIN_LOG_PARTICIPANT_TOGGLE_BAN),
                Map.entry("channelAdminLogEventActionParticipantToggleAdmin", Constructors.ADMIN_LOG_PARTICIPANT_TOGGLE_ADMIN),
                Map.entry("inputChannel", Constructors.INPUT_CHANNEL),
                Map.entry("chatInviteExported", Constructors.CHAT_INVITE_EXPORTED),
                Map.entry("chatInvitePublicJoinRequests", Constructors.CHAT_INVITE_PUBLIC_JOIN_REQUESTS),
                Map.entry("channelParticipant", Constructors.CHANNEL_PARTICIPANT),
                Map.entry("channelParticipantBanned", Constructors.CHANNEL_PARTICIPANT_BANNED),
                Map.entry("chatBannedRights", Constructors.CHAT_BANNED_RIGHTS));
        ours.forEach((name, id) -> assertEquals(IDS.get(name), id, name));
    }

    /** The reader's table is the schema's closure: each line here is in it, the same id with the same fields. */
    @Test
    void theReadersTableAgreesWithTheSchemasLines() {
        Map<Integer, TlSchema.Constructor> table = new HashMap<>();
        CLOSURE.constructors().forEach(c -> table.put(c.id(), c));
        for (TlSchema.Constructor line : lines.constructors()) {
            if (line.type().startsWith("!") || line.type().equals("ChannelAdminLogEventsFilter")
                    || line.type().equals("InputChannel")) {
                continue; // in the request only
            }
            TlSchema.Constructor c = table.get(line.id());
            assertEquals(line.name(), c == null ? null : c.name(), line.name());
            assertEquals(line.fields(), c.fields(), line.name());
        }
    }

    /** flags (events_filter), inputChannel, q "", the filter's nine membership bits, max_id, min_id, limit. */
    @Test
    void theRequestReadsBackFieldByField() throws TlException {
        TlReader r = new TlReader(AdminLogTl.getAdminLog(new Requests.Peer(7001, 77), 900, 12, 100));
        TlObject q = lines.object(r, "!channels.getAdminLog");
        assertEquals(0, r.remaining());
        assertEquals(1, q.int32("flags"));
        assertEquals("inputChannel", q.object("channel").name());
        assertEquals(7001L, q.object("channel").int64("channel_id"));
        assertEquals(77L, q.object("channel").int64("access_hash"));
        assertEquals("", q.get("q"));
        TlObject filter = q.object("events_filter");
        for (String bit : List.of("join", "leave", "invite", "ban", "unban", "kick", "unkick", "promote", "demote")) {
            assertEquals(Boolean.TRUE, filter.fields().get(bit), bit);
        }
        for (String bit : List.of("info", "settings", "pinned", "edit", "delete", "group_call", "invites", "send")) {
            assertFalse(filter.has(bit), bit);
        }
        assertFalse(q.has("admins"));
        assertEquals(900L, q.int64("max_id"));
        assertEquals(12L, q.int64("min_id"));
        assertEquals(100, q.int32("limit"));
    }

    /**
     * Entries the fake data centre never writes: a join without a link, a promotion and a
     * demotion, a restriction and an unban (no membership change), another kind of entry (stepped
     * over by the table), and one of a constructor no layer has: the page ends there, said so.
     */
    @Test
    void entriesOfEveryKindAreReadAndAnUnknownOneEndsThePage() throws TlException {
        TlWriter w = new TlWriter().int32(Constructors.CHANNELS_ADMIN_LOG_RESULTS).int32(TlWriter.VECTOR).int32(8);
        entry(w, 60, 150).int32(Constructors.ADMIN_LOG_PARTICIPANT_JOIN);
        member(entry(w, 59, 1000).int32(Constructors.ADMIN_LOG_PARTICIPANT_TOGGLE_ADMIN), 151);
        admin(w, 151);
        admin(entry(w, 58, 1000).int32(Constructors.ADMIN_LOG_PARTICIPANT_TOGGLE_ADMIN), 152);
        member(w, 152);
        member(entry(w, 57, 1000).int32(Constructors.ADMIN_LOG_PARTICIPANT_TOGGLE_BAN), 153);
        banned(w, 153, 1 << 1); // send_messages only: restricted, still in
        banned(entry(w, 56, 1000).int32(Constructors.ADMIN_LOG_PARTICIPANT_TOGGLE_BAN), 154, 1);
        w.int32(Constructors.CHANNEL_PARTICIPANT_LEFT).int32(Constructors.PEER_USER).int64(154); // unbanned: not a member either way
        entry(w, 55, 1000).int32(0xe6dfb825).string("Old title").string("New title"); // channelAdminLogEventActionChangeTitle
        member(entry(w, 54, 1000).int32(Constructors.ADMIN_LOG_PARTICIPANT_TOGGLE_BAN), 155);
        banned(w, 155, 1); // view_messages: removed
        entry(w, 53, 1000).int32(0x0badf00d).int64(1);

        AdminLogTl.Page page = AdminLogTl.read(w.toByteArray());
        assertEquals(8, page.answered());
        assertTrue(page.cut());
        AdminLogTl.Entry last = page.entries().get(7);
        assertEquals(53, last.id());
        assertNull(last.action());
        assertTrue(last.unreadable().contains("badf00d"), last.unreadable());

        List<Optional<MembershipEvent>> events = page.entries().stream().map(e -> AdminLogEvents.event(GROUP, e)).toList();
        Joined join = assertInstanceOf(Joined.class, events.get(0).orElseThrow());
        assertEquals(Member.userId(150), join.member());
        assertEquals(JoinHow.UNKNOWN, join.how(), "Telegram names no way in for a join by the group's name");
        assertEquals(Optional.empty(), join.link());
        assertEquals("tg-log:7001:60", join.id());
        assertEquals("ADMIN_LOG_JOIN", join.detail().code());
        assertEquals("ADMIN_LOG_TOGGLE_ADMIN", events.get(1).orElseThrow().detail().code());
        assertEquals(Instant.ofEpochSecond(1_800_000_060), join.time().from());
        assertTrue(join.time().exact());
        Promoted promoted = assertInstanceOf(Promoted.class, events.get(1).orElseThrow());
        assertEquals(MemberRole.ADMIN, promoted.role());
        assertEquals(Member.userId(151), promoted.member());
        Demoted demoted = assertInstanceOf(Demoted.class, events.get(2).orElseThrow());
        assertEquals(MemberRole.MEMBER, demoted.role());
        assertEquals(Optional.empty(), events.get(3), "a restriction keeps them in");
        assertEquals(Optional.empty(), events.get(4), "an unban is no membership change");
        assertEquals(Optional.empty(), events.get(5), "another kind of entry is stepped over");
        Removed removed = assertInstanceOf(Removed.class, events.get(6).orElseThrow());
        assertEquals(Member.userId(155), removed.member());
        assertEquals(Optional.of(Member.userId(1000)), removed.by());
        assertEquals(Optional.empty(), events.get(7));
    }

    /** Every kind of change the fake data centre logs, read to the answer's end by the schema's closure. */
    @Test
    void theFakeDataCentresAnswerReadsToItsEnd() throws TlException {
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            sim.user(150, "person_150", null).user(151, "person_151", null).user(152, null, null).supergroup(7001);
            Requests.Peer channel = new Requests.Peer(7001, sim.channelAccessHash(7001));
            try (MtprotoConnection c = connection(sim)) {
                byte[] made = assertInstanceOf(RpcAnswer.Result.class,
                        c.call(Requests.exportChatInvite(0, channel, 0, 0))).body();
                String link = Replies.exportedLink(made).orElseThrow().url();
                sim.addedBy(7001, 150, 151).join(link, 152);
                sim.leave(7001, 150);
                sim.requestToJoin(7001, 150);
                assertInstanceOf(RpcAnswer.Result.class, c.call(JoinRequestsTl.hideRequest(TelegramGroup.supergroup(7001,
                        channel.accessHash()), new Requests.Peer(150, sim.accessHash(150)), true)));
                sim.removedBy(7001, 152, 151);
                byte[] body = assertInstanceOf(RpcAnswer.Result.class, c.call(AdminLogTl.getAdminLog(channel, 0, 0, 100))).body();
                TlReader r = new TlReader(body);
                TlObject all = CLOSURE.object(r, "channels.AdminLogResults");
                assertEquals(0, r.remaining(), "read to its end");
                assertEquals(List.of("channelAdminLogEventActionParticipantToggleBan",
                                "channelAdminLogEventActionParticipantJoinByRequest", "channelAdminLogEventActionParticipantLeave",
                                "channelAdminLogEventActionParticipantJoinByInvite", "channelAdminLogEventActionParticipantInvite"),
                        all.list("events").stream().map(e -> ((TlObject) e).object("action").name()).toList(),
                        "newest first; the request made is not logged");
                AdminLogTl.Page page = AdminLogTl.read(body);
                assertFalse(page.cut());
                assertEquals(sim.accessHash(151), page.accessHashes().get(151L));
            }
        }
    }

    private static TlWriter entry(TlWriter w, long id, long actor) {
        return w.int32(Constructors.CHANNEL_ADMIN_LOG_EVENT).int64(id).int32(1_800_000_000 + (int) id).int64(actor);
    }

    private static TlWriter member(TlWriter w, long user) {
        return w.int32(Constructors.CHANNEL_PARTICIPANT).int32(0).int64(user).int32(1_800_000_000);
    }

    private static TlWriter admin(TlWriter w, long user) {
        return w.int32(Constructors.CHANNEL_PARTICIPANT_ADMIN).int32(0).int64(user).int64(1000).int32(1_800_000_000)
                .int32(Constructors.CHAT_ADMIN_RIGHTS).int32(1 << 5);
    }

    private static TlWriter banned(TlWriter w, long user, int rights) {
        return w.int32(Constructors.CHANNEL_PARTICIPANT_BANNED).int32(0).int32(Constructors.PEER_USER).int64(user).int64(1000)
                .int32(1_800_000_000).int32(Constructors.CHAT_BANNED_RIGHTS).int32(rights).int32(0);
    }

    private static MtprotoConnection connection(TelegramSimulator sim) {
        return new MtprotoConnection(new MtprotoConnection.Settings("127.0.0.1", sim.port(), Framing.INTERMEDIATE,
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(1), 1 << 20, 228, 271_828, "test", "Java",
                "1", "en"), sim.authKey(), 0, TimeSource.system(), new SecureRandom());
    }
}
