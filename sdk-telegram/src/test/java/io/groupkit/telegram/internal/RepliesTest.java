package io.groupkit.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
