package io.groupkit.telegram.internal;

import io.groupkit.core.spi.Effect;
import io.groupkit.telegram.internal.TelegramAnswers.Called;

import io.groupkit.core.AccessDenied;
import io.groupkit.core.GroupInfo;
import io.groupkit.core.GroupMember;
import io.groupkit.core.Groups;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.GroupsResult;
import io.groupkit.core.Member;
import io.groupkit.core.Members;
import io.groupkit.core.MembersResult;
import io.groupkit.core.Unrecognized;
import io.groupkit.mtproto.TlException;
import io.groupkit.telegram.TelegramGroup;
import io.groupkit.telegram.internal.Requests.Peer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Telegram provider lists, each a run of calls on the client's I/O thread: a group's
 * members (one {@code messages.getFullChat}, or {@code channels.getParticipants} page by page) and
 * the account's groups (its dialogs, pinned ones first, folder by folder).
 */
final class TelegramListings {
    /** The most members Telegram serves on one page of {@code channels.getParticipants}. */
    static final int PAGE = 200;
    /** The most dialog calls one page of groups makes (an account with thousands of private chats). */
    static final int DIALOG_CALLS_PER_PAGE = 10;

    private final HomeConnection connection;
    private final AccessHashes accessHashes;

    /**
     * Listings on a connection.
     *
     * @param connection the connection
     * @param accessHashes where the access hashes a listing carries are remembered, by user id
     */
    TelegramListings(HomeConnection connection, AccessHashes accessHashes) {
        this.connection = connection;
        this.accessHashes = accessHashes;
    }

    MembersResult basicMembers(TelegramGroup.BasicGroup group) {
        RpcAnswer answer = connection.call(Requests.getFullChat(group.chatId()));
        if (!(answer instanceof RpcAnswer.Result result)) {
            return TelegramAnswers.read(answer, Called.BASIC_GROUP_METHOD, Effect.SAFE_TO_REPEAT, MembersResult.class);
        }
        try {
            Optional<List<Replies.Listed>> listed = Replies.chatParticipants(result.body());
            if (listed.isEmpty()) {
                return new AccessDenied(TelegramProvider.detail("CHAT_PARTICIPANTS_FORBIDDEN",
                        "Telegram does not show this group's members to the account: it is not in the group")
                        .withRemedy("Add the account to the group, then list again."));
            }
            return listing(listed.get(), "CHAT_PARTICIPANTS", listed.get().size() + " members");
        } catch (TlException e) {
            return new Unrecognized(TelegramProvider.detail("UNREADABLE_RESULT", Exceptions.message(e)));
        }
    }

    MembersResult supergroupMembers(Peer channel) {
        Map<Long, Replies.Listed> members = new LinkedHashMap<>();
        int offset = 0;
        int count = 0;
        while (true) {
            RpcAnswer answer = connection.call(Requests.getParticipants(channel, offset, PAGE));
            if (!(answer instanceof RpcAnswer.Result result)) {
                return TelegramAnswers.read(answer, Called.OTHER_METHOD, Effect.SAFE_TO_REPEAT, MembersResult.class);
            }
            Replies.ParticipantsPage page;
            try {
                page = Replies.participants(result.body());
            } catch (TlException e) {
                return new Unrecognized(TelegramProvider.detail("UNREADABLE_RESULT", Exceptions.message(e)));
            }
            accessHashes.putAll(page.accessHashes());
            page.members().forEach(m -> members.putIfAbsent(m.userId(), m));
            count = page.count();
            offset += page.entries();
            if (page.entries() == 0 || offset >= count) {
                break;
            }
        }
        List<Replies.Listed> all = List.copyOf(members.values());
        if (all.size() < count && offset < count) {
            // Telegram serves recent members only up to a cap (about 10,000) in the largest groups.
            return listing(all, "CHANNEL_PARTICIPANTS_PARTIAL", all.size() + " of " + count
                    + " members: Telegram lists no more of this supergroup's recent members");
        }
        return listing(all, "CHANNEL_PARTICIPANTS", all.size() + " members");
    }

    private static Members listing(List<Replies.Listed> listed, String code, String description) {
        List<GroupMember> members = new ArrayList<>(listed.size());
        for (Replies.Listed l : listed) {
            members.add(new GroupMember(Member.userId(Long.toString(l.userId())), l.role()));
        }
        return new Members(TelegramProvider.detail(code, description), members);
    }

    GroupsResult groups(GroupsPage page) {
        Dialogs.Offset at = page.cursor().map(Dialogs.Offset::parse).orElse(Dialogs.Offset.start(0));
        List<GroupInfo> found = new ArrayList<>();
        for (int call = 0; at != null && found.size() < page.limit() && call < DIALOG_CALLS_PER_PAGE; call++) {
            int want = page.limit() - found.size();
            int ask = Math.min(Dialogs.MAX_PER_CALL, want);
            RpcAnswer answer = connection.call(at.pinned() ? Dialogs.pinnedRequest(at.folder()) : Dialogs.request(at, ask));
            if (!(answer instanceof RpcAnswer.Result result)) {
                return TelegramAnswers.read(answer, Called.OTHER_METHOD, Effect.SAFE_TO_REPEAT, GroupsResult.class);
            }
            try {
                if (at.pinned()) {
                    // All pinned dialogs come in one answer: a page takes what it still wants and remembers how many.
                    List<GroupInfo> pinned = Dialogs.readPinned(result.body());
                    List<GroupInfo> rest = pinned.subList(Math.min(at.pinnedDone(), pinned.size()), pinned.size());
                    List<GroupInfo> taken = rest.subList(0, Math.min(want, rest.size()));
                    found.addAll(taken);
                    at = taken.size() < rest.size()
                            ? new Dialogs.Offset(at.folder(), at.pinnedDone() + taken.size(), 0, 0, 'e', 0, 0)
                            : Dialogs.Offset.afterPinned(at.folder());
                } else {
                    Dialogs.Page read = Dialogs.read(result.body(), ask, at.folder());
                    found.addAll(read.groups());
                    at = read.next().orElse(at.folder() == 0 ? Dialogs.Offset.start(1) : null);
                }
            } catch (TlException e) {
                return new Unrecognized(TelegramProvider.detail("UNREADABLE_RESULT", Exceptions.message(e)));
            }
        }
        return new Groups(TelegramProvider.detail("DIALOGS", found.size() + " groups"), found,
                Optional.ofNullable(at).map(Dialogs.Offset::cursor));
    }
}
