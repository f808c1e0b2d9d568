package io.groupkit.testkit.telegram;

import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.TlWriter;
import io.groupkit.testkit.telegram.TelegramSimulator.Group;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A supergroup's admin log as the fake server answers {@code channels.getAdminLog}: made from the
 * membership changes the simulator recorded ({@link MembershipChange}), each written as the action
 * Telegram logs for it (layer 228). The entry id is the change's running number (growing, not
 * contiguous within a group, as Telegram's are not); only changes of the last 48 hours on the
 * simulator's clock are kept; {@code min_id} and {@code max_id} are exclusive; the answer is newest
 * first. A request made is not logged (Telegram logs only its approval).
 */
final class AdminLog {
    /** How long the log keeps an entry (TDLib documents 48 hours). */
    static final int KEPT_SECONDS = 48 * 3600;
    private static final int JOIN = 1;
    private static final int LEAVE = 2;
    private static final int INVITE = 4;
    private static final int BAN = 8;
    private static final int KICK = 32;
    private static final int VIEW_MESSAGES = 1;

    private AdminLog() {
    }

    /**
     * The query's fields after the channel.
     *
     * @param filter the events filter's flags, or -1 for no filter (every kind)
     * @param maxId entries below this id, or 0
     * @param minId entries above this id
     * @param limit the most entries
     */
    record Query(int filter, long maxId, long minId, int limit) {
    }

    /**
     * The entries of one group the query asks for, newest first.
     *
     * @param changes every change the simulator recorded, oldest first
     * @param g the supergroup
     * @param q the query
     * @param now the simulator's time, unix seconds
     * @return the changes answered
     */
    static List<MembershipChange> entries(List<MembershipChange> changes, Group g, Query q, long now) {
        int limit = Math.max(0, Math.min(q.limit(), 100));
        return changes.stream()
                .filter(c -> c.channel() && c.groupId() == g.id && c.kind() != MembershipChange.Kind.REQUESTED)
                .filter(c -> c.date() > now - KEPT_SECONDS)
                .filter(c -> c.seq() > q.minId() && (q.maxId() == 0 || c.seq() < q.maxId()))
                .filter(c -> q.filter() < 0 || (q.filter() & bits(c.kind())) != 0)
                .sorted(Comparator.comparingLong(MembershipChange::seq).reversed())
                .limit(limit).toList();
    }

    /** The filter bits a change answers to. */
    private static int bits(MembershipChange.Kind kind) {
        return switch (kind) {
            case ADDED -> INVITE;
            case JOINED_BY_LINK, JOINED_BY_REQUEST -> JOIN;
            case LEFT -> LEAVE;
            case REMOVED -> BAN | KICK;
            case REQUESTED -> 0;
        };
    }

    /**
     * {@code channels.adminLogResults}: the entries, then the chats and users vectors written by
     * the caller (who knows the connection's layer).
     *
     * @param entries the entries, newest first
     * @param invite the {@code chatInviteExported} of a link this server made, or null for another
     * @return the entries' part of the answer, up to the chats
     */
    static TlWriter write(List<MembershipChange> entries, Function<String, byte @Nullable []> invite) {
        TlWriter w = new TlWriter().int32(Constructors.CHANNELS_ADMIN_LOG_RESULTS).int32(TlWriter.VECTOR).int32(entries.size());
        for (MembershipChange c : entries) {
            // The entry's user: the person for a join or a leave, the admin for an add or a removal.
            boolean byAdmin = c.kind() == MembershipChange.Kind.ADDED || c.kind() == MembershipChange.Kind.REMOVED;
            w.int32(Constructors.CHANNEL_ADMIN_LOG_EVENT).int64(c.seq()).int32(c.date())
                    .int64(byAdmin ? c.actorId() : c.userId());
            switch (c.kind()) {
                case ADDED -> participant(w.int32(Constructors.ADMIN_LOG_PARTICIPANT_INVITE), c.userId(), c.date());
                case JOINED_BY_LINK -> exported(w.int32(Constructors.ADMIN_LOG_PARTICIPANT_JOIN_BY_INVITE).int32(0),
                        c.link(), invite);
                case JOINED_BY_REQUEST -> exported(w.int32(Constructors.ADMIN_LOG_PARTICIPANT_JOIN_BY_REQUEST), c.link(), invite)
                        .int64(c.actorId());
                case LEFT -> w.int32(Constructors.ADMIN_LOG_PARTICIPANT_LEAVE);
                case REMOVED -> {
                    participant(w.int32(Constructors.ADMIN_LOG_PARTICIPANT_TOGGLE_BAN), c.userId(), c.date());
                    w.int32(Constructors.CHANNEL_PARTICIPANT_BANNED).int32(0).int32(Constructors.PEER_USER).int64(c.userId())
                            .int64(c.actorId()).int32(c.date())
                            .int32(Constructors.CHAT_BANNED_RIGHTS).int32(VIEW_MESSAGES).int32(0);
                }
                case REQUESTED -> throw new IllegalStateException("a request made is not in the admin log");
            }
        }
        return w;
    }

    /** {@code channelParticipant#1bd54456} (layer 223 on), no subscription, no rank. */
    private static TlWriter participant(TlWriter w, long userId, int date) {
        return w.int32(Constructors.CHANNEL_PARTICIPANT).int32(0).int64(userId).int32(date);
    }

    /** The link's invite as Telegram logs it; a request without a link logs {@code chatInvitePublicJoinRequests}. */
    private static TlWriter exported(TlWriter w, @Nullable String link, Function<String, byte @Nullable []> invite) {
        byte[] made = link == null ? null : invite.apply(link);
        return made == null ? w.int32(Constructors.CHAT_INVITE_PUBLIC_JOIN_REQUESTS) : w.raw(made);
    }

    /**
     * The people the entries name, for the answer's users.
     *
     * @param entries the entries
     * @return their ids, each once
     */
    static List<Long> people(List<MembershipChange> entries) {
        return entries.stream().flatMap(c -> java.util.stream.Stream.of(c.userId(), c.actorId())).distinct().toList();
    }
}
