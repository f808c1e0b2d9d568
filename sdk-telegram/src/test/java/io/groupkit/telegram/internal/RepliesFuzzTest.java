package io.groupkit.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.groupkit.core.Outcome;
import io.groupkit.mtproto.Constructors;
import io.groupkit.mtproto.TlException;
import io.groupkit.mtproto.TlWriter;

/** Results and errors from a server: any bytes give a reading or a TlException, any error an outcome. */
class RepliesFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyResultIsReadOrRejected(FuzzedDataProvider data) {
        int head = data.pickValue(new int[] {Constructors.INVITED_USERS, Constructors.RESOLVED_PEER,
                Constructors.CHAT_INVITE_EXPORTED, Constructors.CHANNEL_PARTICIPANTS, Constructors.MESSAGES_CHAT_FULL,
                0x71e094f3, 0x15ba6c40, 0x3371c354, data.consumeInt()}); // the last three: dialogs answers
        byte[] body = new TlWriter().int32(head).raw(data.consumeRemainingAsBytes()).toByteArray();
        readOrRejected(() -> assertNotNull(Replies.missingInvitee(body)));
        readOrRejected(() -> assertNotNull(Replies.resolvedUser(body)));
        readOrRejected(() -> {
            Replies.ParticipantsPage page = Replies.participants(body);
            assertTrue(page.members().size() <= page.entries(), "no more members than entries");
        });
        readOrRejected(() -> {
            Dialogs.Page page = Dialogs.read(body, 100, 0);
            assertTrue(page.groups().size() <= page.dialogs(), "no more groups than dialogs");
        });
        readOrRejected(() -> assertNotNull(Dialogs.readPinned(body)));
        readOrRejected(() -> assertNotNull(Replies.chatParticipants(body)));
        readOrRejected(() -> Replies.exportedLink(body)
                .ifPresent(l -> assertTrue(l.url().contains("t.me/") || l.url().startsWith("http"))));
    }

    /** One reader on the bytes: a reading that passes its checks, or a TlException that says what was expected. */
    private interface Reading {
        void read() throws TlException;
    }

    private static void readOrRejected(Reading reading) {
        try {
            reading.read();
        } catch (TlException expected) {
            assertTrue(expected.getMessage().startsWith("expected "), expected.getMessage());
        }
    }

    @FuzzTest(maxDuration = "30s")
    void anyRpcErrorIsAnOutcome(FuzzedDataProvider data) {
        int code = data.consumeInt();
        boolean basic = data.consumeBoolean();
        String message = data.consumeRemainingAsString();
        Outcome o = TelegramAnswers.outcome(code, message,
                basic ? TelegramAnswers.Called.BASIC_GROUP_METHOD : TelegramAnswers.Called.OTHER_METHOD);
        assertNotNull(o.kind());
        assertTrue(!o.remedy().isBlank());
    }
}
