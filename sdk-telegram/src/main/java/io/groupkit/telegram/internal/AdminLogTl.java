package io.groupkit.telegram.internal;

import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlReader;
import io.groupkit.mtproto.TlWriter;
import io.groupkit.telegram.internal.Requests.Peer;
import io.groupkit.telegram.internal.TlSchema.TlObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code channels.getAdminLog} at layer 228: the request for a supergroup's membership entries,
 * and its answer read entry by entry. An action is read whole by the layer's table
 * ({@code layer228-adminlog.tl}, every type {@code channels.AdminLogResults} holds), so an entry
 * of any kind is stepped over safely; one the table does not know ends the page there, said so,
 * since nothing after an object of unknown size can be read.
 */
final class AdminLogTl {
    /** Filter bits join, leave, invite, ban, unban, kick, unkick, promote, demote (0 to 8). */
    static final int MEMBERSHIP_FILTER = 0x1ff;
    /** The most entries Telegram answers at once. */
    static final int MAX_LIMIT = 100;
    /** getAdminLog's flags: events_filter present. */
    private static final int EVENTS_FILTER = 1;

    /** Loaded on first use: the table is large, and only an admin-log read needs it. */
    private static final class Table {
        static final TlSchema SCHEMA = TlSchema.load("layer228-adminlog.tl");
    }

    private AdminLogTl() {
    }

    /**
     * {@code channels.getAdminLog} for the membership entries between two ids (both exclusive, as
     * far as Telegram says; readers drop what they have seen anyway), newest first.
     *
     * @param channel the supergroup
     * @param maxId entries below this id, or 0 for the newest
     * @param minId entries above this id, or 0 for the oldest kept
     * @param limit the most entries, 1 to {@value #MAX_LIMIT}
     * @return the body
     */
    static byte[] getAdminLog(Peer channel, long maxId, long minId, int limit) {
        return new TlWriter().int32(Constructors.CHANNELS_GET_ADMIN_LOG).int32(EVENTS_FILTER)
                .int32(Constructors.INPUT_CHANNEL).int64(channel.id()).int64(channel.accessHash())
                .string("") // q: no search
                .int32(Constructors.CHANNEL_ADMIN_LOG_EVENTS_FILTER).int32(MEMBERSHIP_FILTER)
                .int64(maxId).int64(minId).int32(limit).toByteArray();
    }

    /**
     * One entry of the log.
     *
     * @param id the entry's id (grows with time)
     * @param date when, unix seconds
     * @param actorId who did it (for a join or a leave, the person themselves)
     * @param action the action as read, or null when it could not be read
     * @param unreadable why the action could not be read, or null
     */
    record Entry(long id, int date, long actorId, @Nullable TlObject action, @Nullable String unreadable) {
    }

    /**
     * One answer.
     *
     * @param answered how many entries Telegram answered
     * @param entries the entries read, newest first; the last one is unreadable when the page was cut
     * @param accessHashes the access hashes of the answer's users (empty when they could not be read)
     */
    record Page(int answered, List<Entry> entries, Map<Long, Long> accessHashes) {
        /** Whether an entry could not be read, so that the page ends at it. */
        boolean cut() {
            return !entries.isEmpty() && entries.get(entries.size() - 1).action() == null;
        }
    }

    /**
     * Reads {@code channels.adminLogResults}.
     *
     * @param body the result
     * @return the page
     * @throws TlException if the answer or an entry's head (id, date, actor) is not as the schema has it
     */
    static Page read(byte[] body) throws TlException {
        TlReader r = new TlReader(body);
        int ctor = r.int32();
        if (ctor != Constructors.CHANNELS_ADMIN_LOG_RESULTS) {
            throw new TlException("expected channels.adminLogResults (ed8af74d), got " + Integer.toHexString(ctor));
        }
        int n = r.vectorHeader(24);
        List<Entry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int c = r.int32();
            if (c != Constructors.CHANNEL_ADMIN_LOG_EVENT) {
                throw new TlException("expected channelAdminLogEvent (1fad68cd), got " + Integer.toHexString(c));
            }
            long id = r.int64();
            int date = r.int32();
            long actor = r.int64();
            try {
                entries.add(new Entry(id, date, actor, Table.SCHEMA.object(r, "ChannelAdminLogEventAction"), null));
            } catch (TlException e) {
                entries.add(new Entry(id, date, actor, null, Exceptions.message(e)));
                return new Page(n, entries, Map.of());
            }
        }
        return new Page(n, entries, accessHashes(r));
    }

    /** The users' access hashes after the chats; none when they cannot be read (the events stand without them). */
    private static Map<Long, Long> accessHashes(TlReader r) {
        try {
            Table.SCHEMA.objects(r, "Chat");
            Map<Long, Long> hashes = new HashMap<>();
            for (TlObject u : Table.SCHEMA.objects(r, "User")) {
                boolean min = u.has("min");
                if (u.name().equals("user") && u.has("access_hash") && !min) {
                    hashes.put(u.int64("id"), u.int64("access_hash"));
                }
            }
            return hashes;
        } catch (TlException e) {
            return Map.of();
        }
    }
}
