package io.groupkit.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.MemberRole;
import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlWriter;
import org.junit.jupiter.api.Test;

/** The answers the fake server never sends, read as the provider facts describe them. */
class RepliesTest {

    @Test
    void aGroupThatTakesJoinRequestsHasNoLink() throws TlException {
        byte[] body = new TlWriter().int32(Constructors.CHAT_INVITE_PUBLIC_JOIN_REQUESTS).toByteArray();
        assertTrue(Replies.exportedLink(body).isEmpty());
    }

    @Test
    void aUsernameOfAChannelIsNoPerson() throws TlException {
        byte[] body = new TlWriter().int32(Constructors.RESOLVED_PEER).int32(Constructors.PEER_CHANNEL).int64(7001)
                .int32(TlWriter.VECTOR).int32(0).int32(TlWriter.VECTOR).int32(0).toByteArray();
        assertTrue(Replies.resolvedUser(body).isEmpty());
    }

    @Test
    void aResolvedPersonWithoutAnAccessHashIsRefused() {
        byte[] body = new TlWriter().int32(Constructors.RESOLVED_PEER).int32(Constructors.PEER_USER).int64(5)
                .int32(TlWriter.VECTOR).int32(0).int32(TlWriter.VECTOR).int32(1)
                .int32(0x31774388).int32(0).int32(0).int64(5).toByteArray();
        TlException e = assertThrows(TlException.class, () -> Replies.resolvedUser(body));
        assertTrue(e.getMessage().contains("access hash"), e.getMessage());
    }

    @Test
    void aMissingInviteeIsReadFromTheEndWhateverTheUpdatesHold() throws TlException {
        byte[] updates = new byte[52]; // any Updates object: the reader never parses it
        java.util.Arrays.fill(updates, (byte) 0x5a);
        byte[] body = new TlWriter().int32(Constructors.INVITED_USERS).raw(updates).int32(TlWriter.VECTOR).int32(1)
                .int32(Constructors.MISSING_INVITEE).int32(3).int64(42).toByteArray();
        Replies.MissingInvitee m = Replies.missingInvitee(body).orElseThrow();
        assertEquals(new Replies.MissingInvitee(42, true, true), m);
        byte[] none = new TlWriter().int32(Constructors.INVITED_USERS).raw(updates).int32(TlWriter.VECTOR).int32(0)
                .toByteArray();
        assertTrue(Replies.missingInvitee(none).isEmpty());
        byte[] truncated = java.util.Arrays.copyOf(body, body.length - 4);
        assertThrows(TlException.class, () -> Replies.missingInvitee(truncated));
    }

    // ---- listings: every ChannelParticipant and ChatParticipant of layer 228, written from the schema ----

    private static TlWriter page(int count, int entries) {
        return new TlWriter().int32(Constructors.CHANNEL_PARTICIPANTS).int32(count).int32(TlWriter.VECTOR).int32(entries);
    }

    private static TlWriter adminRights(TlWriter w) {
        return w.int32(Constructors.CHAT_ADMIN_RIGHTS).int32(0x2f);
    }

    private static TlWriter bannedRights(TlWriter w, int flags) {
        return w.int32(Constructors.CHAT_BANNED_RIGHTS).int32(flags).int32(1_800_000_000);
    }

    @Test
    void everyChannelParticipantIsReadWithItsOptionalFields() throws TlException {
        TlWriter w = page(9, 9);
        w.int32(Constructors.CHANNEL_PARTICIPANT).int32(1 | 4).int64(11).int32(1_700_000_000).int32(1_800_000_000).string("fan");
        w.int32(Constructors.CHANNEL_PARTICIPANT_SELF).int32(1 | 2 | 4).int64(12).int64(99).int32(1_700_000_000)
                .int32(1_800_000_000).string("me");
        adminRights(w.int32(Constructors.CHANNEL_PARTICIPANT_CREATOR).int32(1).int64(13)).string("founder");
        adminRights(w.int32(Constructors.CHANNEL_PARTICIPANT_ADMIN).int32(1 | 2 | 4).int64(14).int64(99).int64(13)
                .int32(1_700_000_000)).string("mod");
        adminRights(w.int32(Constructors.CHANNEL_PARTICIPANT_ADMIN).int32(0).int64(15).int64(13).int32(1_700_000_000));
        bannedRights(w.int32(Constructors.CHANNEL_PARTICIPANT_BANNED).int32(4).int32(Constructors.PEER_USER).int64(16)
                .int64(13).int32(1_700_000_000), 2).string("muted"); // restricted: still a member
        bannedRights(w.int32(Constructors.CHANNEL_PARTICIPANT_BANNED).int32(0).int32(Constructors.PEER_USER).int64(17)
                .int64(13).int32(1_700_000_000), 1); // view_messages: kicked
        bannedRights(w.int32(Constructors.CHANNEL_PARTICIPANT_BANNED).int32(1).int32(Constructors.PEER_CHANNEL).int64(18)
                .int64(13).int32(1_700_000_000), 2); // a channel that left
        w.int32(Constructors.CHANNEL_PARTICIPANT_LEFT).int32(Constructors.PEER_USER).int64(19);
        w.int32(TlWriter.VECTOR).int32(0).int32(TlWriter.VECTOR).int32(0);
        Replies.ParticipantsPage p = Replies.participants(w.toByteArray());
        assertEquals(9, p.count());
        assertEquals(9, p.entries(), "the offset grows by every entry, members or not");
        assertEquals(java.util.List.of(new Replies.Listed(11, MemberRole.MEMBER), new Replies.Listed(12, MemberRole.MEMBER),
                new Replies.Listed(13, MemberRole.OWNER), new Replies.Listed(14, MemberRole.ADMIN),
                new Replies.Listed(15, MemberRole.ADMIN), new Replies.Listed(16, MemberRole.MEMBER)), p.members());
    }

    @Test
    void theUsersOfAPageGiveTheirAccessHashesWhateverFieldsTheyCarry() throws TlException {
        TlWriter w = page(3, 3);
        for (long id = 21; id <= 23; id++) {
            w.int32(Constructors.CHANNEL_PARTICIPANT).int32(0).int64(id).int32(1_700_000_000);
        }
        w.int32(TlWriter.VECTOR).int32(0).int32(TlWriter.VECTOR).int32(3);
        // Every optional field of user#b1b8cc83, in the schema's order.
        int flags = 1 | 2 | 4 | 8 | 16 | 32 | 64 | (1 << 14) | (1 << 18) | (1 << 19) | (1 << 22) | (1 << 30);
        int flags2 = 1 | (1 << 5) | (1 << 8) | (1 << 9) | (1 << 12) | (1 << 14) | (1 << 15) | (1 << 21);
        w.int32(0xb1b8cc83).int32(flags).int32(flags2).int64(21).int64(2121).string("A").string("B").string("ab")
                .string("15550000021")
                .int32(0x82d1f706).int32(2).int64(5).bytes(new byte[] {1, 2, 3}).int32(2) // photo with stripped thumb
                .int32(0x008c703f).int32(1_700_000_000) // offline
                .int32(3) // bot_info_version
                .int32(TlWriter.VECTOR).int32(1).int32(0xd072acb4).string("ios").string("porn").string("text")
                .string("placeholder").string("en")
                .int32(0x7184603b).int32(1).int64(1).int64(2).string("t").string("s").int64(3).int32(1).int32(2).int32(3).int32(4)
                .int32(1_800_000_000) // emojiStatusCollectible with until
                .int32(TlWriter.VECTOR).int32(1).int32(0xb4073647).int32(3).string("ab2")
                .int32(0x711d692d).int32(2).int32(7) // recentStory max_id
                .int32(0xb54b5acf).int32(3).int32(5).int64(6)
                .int32(0xb9c0639a).int32(3).int64(1).int64(2).int64(3).int32(4).int32(TlWriter.VECTOR).int32(2).int32(1).int32(2)
                .int32(5).int32(TlWriter.VECTOR).int32(1).int32(9)
                .int32(100).int64(1).int64(2).int64(3);
        w.int32(0xb1b8cc83).int32(1 | (1 << 20)).int32(0).int64(22).int64(2222); // min: its hash is not the account's
        w.int32(0xd3bc4b7a).int64(23); // userEmpty
        Replies.ParticipantsPage p = Replies.participants(w.toByteArray());
        assertEquals(java.util.Map.of(21L, 2121L), p.accessHashes());
        assertEquals(3, p.members().size());
    }

    @Test
    void usersThatCannotBeReachedOrReadLeaveTheMembersWithoutHashes() throws TlException {
        byte[] afterAChat = page(1, 1).int32(Constructors.CHANNEL_PARTICIPANT).int32(0).int64(31).int32(1)
                .int32(TlWriter.VECTOR).int32(1).int32(0x41cbf256).int64(1).toByteArray();
        Replies.ParticipantsPage p = Replies.participants(afterAChat);
        assertEquals(1, p.members().size());
        assertTrue(p.accessHashes().isEmpty());
        byte[] unknownUser = page(1, 1).int32(Constructors.CHANNEL_PARTICIPANT).int32(0).int64(31).int32(1)
                .int32(TlWriter.VECTOR).int32(0).int32(TlWriter.VECTOR).int32(1).int32(0x12345678).int64(31).toByteArray();
        assertTrue(Replies.participants(unknownUser).accessHashes().isEmpty());
    }

    @Test
    void anUnknownParticipantOrAnUnaskedForNotModifiedIsRefused() {
        byte[] unknown = page(1, 1).int32(0x0badf00d).int64(1).toByteArray();
        TlException e = assertThrows(TlException.class, () -> Replies.participants(unknown));
        assertTrue(e.getMessage().contains("ChannelParticipant"), e.getMessage());
        byte[] notModified = new TlWriter().int32(Constructors.CHANNEL_PARTICIPANTS_NOT_MODIFIED).toByteArray();
        assertThrows(TlException.class, () -> Replies.participants(notModified));
        byte[] truncated = java.util.Arrays.copyOf(page(2, 2).int32(Constructors.CHANNEL_PARTICIPANT).int32(0).int64(1)
                .int32(1).toByteArray(), 30);
        assertThrows(TlException.class, () -> Replies.participants(truncated));
    }

    private static TlWriter fullChat() {
        return new TlWriter().int32(Constructors.MESSAGES_CHAT_FULL).int32(Constructors.CHAT_FULL).int32(1 << 7).int64(5001)
                .string("about the group");
    }

    @Test
    void aBasicGroupsMembersAreReadFromTheHeadOfChatFull() throws TlException {
        TlWriter w = fullChat().int32(Constructors.CHAT_PARTICIPANTS).int64(5001).int32(TlWriter.VECTOR).int32(4)
                .int32(Constructors.CHAT_PARTICIPANT_CREATOR).int32(1).int64(41).string("boss")
                .int32(Constructors.CHAT_PARTICIPANT_ADMIN).int32(0).int64(42).int64(41).int32(1_700_000_000)
                .int32(Constructors.CHAT_PARTICIPANT).int32(1).int64(43).int64(42).int32(1_700_000_000).string("guest")
                .int32(Constructors.CHAT_PARTICIPANT).int32(0).int64(44).int64(42).int32(1_700_000_000)
                .int32(7);
        w.raw(new byte[] {(byte) 0xde, (byte) 0xad}); // whatever follows is never read
        assertEquals(java.util.Optional.of(java.util.List.of(new Replies.Listed(41, MemberRole.OWNER),
                new Replies.Listed(42, MemberRole.ADMIN), new Replies.Listed(43, MemberRole.MEMBER),
                new Replies.Listed(44, MemberRole.MEMBER))), Replies.chatParticipants(w.toByteArray()));
    }

    @Test
    void aBasicGroupTheAccountLeftShowsNoMembers() throws TlException {
        byte[] forbidden = fullChat().int32(Constructors.CHAT_PARTICIPANTS_FORBIDDEN).int32(1).int64(5001)
                .int32(Constructors.CHAT_PARTICIPANT).int32(0).int64(1000).int64(41).int32(1).toByteArray();
        assertTrue(Replies.chatParticipants(forbidden).isEmpty());
    }

    @Test
    void aSupergroupsChannelFullOrAnOldParticipantIsRefused() {
        byte[] channelFull = new TlWriter().int32(Constructors.MESSAGES_CHAT_FULL).int32(0xa04e8d3a).int32(0).toByteArray();
        TlException e = assertThrows(TlException.class, () -> Replies.chatParticipants(channelFull));
        assertTrue(e.getMessage().contains("chatFull"), e.getMessage());
        byte[] layer222 = fullChat().int32(Constructors.CHAT_PARTICIPANTS).int64(5001).int32(TlWriter.VECTOR).int32(1)
                .int32(0xc02d4007).int64(43).int64(42).int32(1).int32(1).toByteArray();
        assertThrows(TlException.class, () -> Replies.chatParticipants(layer222));
    }
}
