package io.groupkit.telegram.internal;

import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.TlWriter;
import org.jspecify.annotations.Nullable;

/** The TL bodies of the calls the adapter makes (layer 228 forms, see the provider facts file). */
public final class Requests {
    /** chatBannedRights flag: may not view messages, which removes the person from the supergroup. */
    private static final int VIEW_MESSAGES = 1;

    private Requests() {
    }

    /**
     * A resolved person or channel: an id and the account's access hash for it.
     *
     * @param id the id
     * @param accessHash the access hash
     */
    public record Peer(long id, long accessHash) {
        @Override
        public String toString() {
            return "Peer[" + id + "]";
        }
    }

    /**
     * {@code contacts.resolveUsername}.
     *
     * @param username without {@code @}
     * @return the body
     */
    public static byte[] resolveUsername(String username) {
        return new TlWriter().int32(Constructors.CONTACTS_RESOLVE_USERNAME).int32(0).string(username).toByteArray();
    }

    /**
     * {@code contacts.resolvePhone}.
     *
     * @param digits the phone's digits, country code first
     * @return the body
     */
    public static byte[] resolvePhone(String digits) {
        return new TlWriter().int32(Constructors.CONTACTS_RESOLVE_PHONE).string(digits).toByteArray();
    }

    /**
     * {@code messages.addChatUser}.
     *
     * @param chatId the basic group
     * @param user the person
     * @param forwardLimit how many recent messages the person gets to see
     * @return the body
     */
    public static byte[] addChatUser(long chatId, Peer user, int forwardLimit) {
        return inputUser(new TlWriter().int32(Constructors.MESSAGES_ADD_CHAT_USER).int64(chatId), user)
                .int32(forwardLimit).toByteArray();
    }

    /**
     * {@code channels.inviteToChannel} with one person.
     *
     * @param channel the supergroup
     * @param user the person
     * @return the body
     */
    public static byte[] inviteToChannel(Peer channel, Peer user) {
        TlWriter w = inputChannel(new TlWriter().int32(Constructors.CHANNELS_INVITE_TO_CHANNEL), channel)
                .int32(TlWriter.VECTOR).int32(1);
        return inputUser(w, user).toByteArray();
    }

    /**
     * {@code messages.deleteChatUser}, keeping the person's messages.
     *
     * @param chatId the basic group
     * @param user the person
     * @return the body
     */
    public static byte[] deleteChatUser(long chatId, Peer user) {
        return inputUser(new TlWriter().int32(Constructors.MESSAGES_DELETE_CHAT_USER).int32(0).int64(chatId), user)
                .toByteArray();
    }

    /**
     * {@code channels.getParticipant}.
     *
     * @param channel the supergroup
     * @param user the person
     * @return the body
     */
    public static byte[] getParticipant(Peer channel, Peer user) {
        return inputPeerUser(inputChannel(new TlWriter().int32(Constructors.CHANNELS_GET_PARTICIPANT), channel), user)
                .toByteArray();
    }

    /**
     * {@code channels.editBanned} with {@code view_messages} banned: removes the person.
     *
     * @param channel the supergroup
     * @param user the person
     * @return the body
     */
    public static byte[] ban(Peer channel, Peer user) {
        return editBanned(channel, user, VIEW_MESSAGES);
    }

    /**
     * {@code channels.editBanned} with no banned rights: lifts a ban, so the person may come back.
     *
     * @param channel the supergroup
     * @param user the person
     * @return the body
     */
    public static byte[] unban(Peer channel, Peer user) {
        return editBanned(channel, user, 0);
    }

    private static byte[] editBanned(Peer channel, Peer user, int bannedRights) {
        return inputPeerUser(inputChannel(new TlWriter().int32(Constructors.CHANNELS_EDIT_BANNED), channel), user)
                .int32(Constructors.CHAT_BANNED_RIGHTS).int32(bannedRights).int32(0).toByteArray();
    }

    /**
     * {@code messages.exportChatInvite}.
     *
     * @param basicChatId the basic group, or 0 for a supergroup
     * @param channel the supergroup, or null for a basic group
     * @param expireDate unix time the link expires, or 0 for none
     * @param usageLimit how many may join with it, or 0 for no limit
     * @return the body
     */
    public static byte[] exportChatInvite(long basicChatId, @Nullable Peer channel, int expireDate, int usageLimit) {
        return exportChatInvite(basicChatId, channel, expireDate, usageLimit, null);
    }

    /**
     * {@code messages.exportChatInvite} with a title (flags.4): a personal link names its person.
     *
     * @param basicChatId the basic group, or 0 for a supergroup
     * @param channel the supergroup, or null for a basic group
     * @param expireDate unix time the link expires, or 0 for none
     * @param usageLimit how many may join with it, or 0 for no limit
     * @param title the link's title (at most 32 characters, seen by admins only), or null for none
     * @return the body
     */
    public static byte[] exportChatInvite(long basicChatId, @Nullable Peer channel, int expireDate, int usageLimit,
                                          @Nullable String title) {
        int flags = (expireDate != 0 ? 1 : 0) | (usageLimit != 0 ? 2 : 0) | (title != null ? 16 : 0);
        TlWriter w = inputPeer(new TlWriter().int32(Constructors.MESSAGES_EXPORT_CHAT_INVITE).int32(flags), basicChatId,
                channel);
        if (expireDate != 0) {
            w.int32(expireDate);
        }
        if (usageLimit != 0) {
            w.int32(usageLimit);
        }
        if (title != null) {
            w.string(title);
        }
        return w.toByteArray();
    }

    /**
     * {@code messages.getExportedChatInvite}: one of the account's links, with its use count.
     *
     * @param basicChatId the basic group, or 0 for a supergroup
     * @param channel the supergroup, or null for a basic group
     * @param link the link
     * @return the body
     */
    public static byte[] getExportedChatInvite(long basicChatId, @Nullable Peer channel, String link) {
        return inputPeer(new TlWriter().int32(Constructors.MESSAGES_GET_EXPORTED_CHAT_INVITE), basicChatId, channel)
                .string(link).toByteArray();
    }

    /**
     * {@code messages.editExportedChatInvite} with {@code revoked} (flags.2) and nothing else: the
     * link stops working and moves to the revoked links.
     *
     * @param basicChatId the basic group, or 0 for a supergroup
     * @param channel the supergroup, or null for a basic group
     * @param link the link
     * @return the body
     */
    public static byte[] revokeExportedChatInvite(long basicChatId, @Nullable Peer channel, String link) {
        return inputPeer(new TlWriter().int32(Constructors.MESSAGES_EDIT_EXPORTED_CHAT_INVITE).int32(4), basicChatId,
                channel).string(link).toByteArray();
    }

    private static TlWriter inputPeer(TlWriter w, long basicChatId, @Nullable Peer channel) {
        return channel == null ? w.int32(Constructors.INPUT_PEER_CHAT).int64(basicChatId)
                : w.int32(Constructors.INPUT_PEER_CHANNEL).int64(channel.id()).int64(channel.accessHash());
    }

    /**
     * {@code channels.leaveChannel}.
     *
     * @param channel the supergroup
     * @return the body
     */
    public static byte[] leaveChannel(Peer channel) {
        return inputChannel(new TlWriter().int32(Constructors.CHANNELS_LEAVE_CHANNEL), channel).toByteArray();
    }

    /**
     * {@code messages.deleteChatUser} of the account itself: leaving a basic group.
     *
     * @param chatId the basic group
     * @return the body
     */
    public static byte[] leaveChat(long chatId) {
        return new TlWriter().int32(Constructors.MESSAGES_DELETE_CHAT_USER).int32(0).int64(chatId)
                .int32(Constructors.INPUT_USER_SELF).toByteArray();
    }

    /**
     * {@code users.getUsers} of the account itself: the cheapest call that proves the session works.
     *
     * @return the body
     */
    public static byte[] getSelf() {
        return new TlWriter().int32(Constructors.USERS_GET_USERS).int32(TlWriter.VECTOR).int32(1)
                .int32(Constructors.INPUT_USER_SELF).toByteArray();
    }

    /**
     * {@code channels.getParticipants} with {@code channelParticipantsRecent}: one page of a
     * supergroup's members (hash 0: no cached answer to compare with).
     *
     * @param channel the supergroup
     * @param offset how many members earlier pages held
     * @param limit the most members on this page (Telegram serves at most 200)
     * @return the body
     */
    public static byte[] getParticipants(Peer channel, int offset, int limit) {
        return inputChannel(new TlWriter().int32(Constructors.CHANNELS_GET_PARTICIPANTS), channel)
                .int32(Constructors.CHANNEL_PARTICIPANTS_RECENT).int32(offset).int32(limit).int64(0).toByteArray();
    }

    /**
     * {@code messages.getFullChat}: a basic group's details, its members among them.
     *
     * @param chatId the basic group
     * @return the body
     */
    public static byte[] getFullChat(long chatId) {
        return new TlWriter().int32(Constructors.MESSAGES_GET_FULL_CHAT).int64(chatId).toByteArray();
    }

    private static TlWriter inputUser(TlWriter w, Peer user) {
        return w.int32(Constructors.INPUT_USER).int64(user.id()).int64(user.accessHash());
    }

    private static TlWriter inputPeerUser(TlWriter w, Peer user) {
        return w.int32(Constructors.INPUT_PEER_USER).int64(user.id()).int64(user.accessHash());
    }

    private static TlWriter inputChannel(TlWriter w, Peer channel) {
        return w.int32(Constructors.INPUT_CHANNEL).int64(channel.id()).int64(channel.accessHash());
    }
}
