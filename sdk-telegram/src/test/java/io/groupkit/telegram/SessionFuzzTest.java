package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Base64;

class SessionFuzzTest {

    /**
     * Any string, and any bytes dressed as either format, either parses to a session whose fields
     * are in range, or is rejected with the documented exception saying what was expected.
     */
    @FuzzTest(maxDuration = "30s")
    void anyInputParsesOrIsRejectedWithWhatWasExpected(FuzzedDataProvider data) {
        String input = switch (data.consumeInt(0, 2)) {
            case 0 -> "1" + Base64.getUrlEncoder().encodeToString(data.consumeBytes(300));
            case 1 -> Base64.getUrlEncoder().withoutPadding().encodeToString(data.consumeBytes(300));
            default -> data.consumeRemainingAsString();
        };
        TelegramSession s;
        try {
            s = TelegramSession.parse(input);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("expected a Telethon StringSession or a Pyrogram session string"),
                    e.getMessage());
            return;
        }
        assertTrue(s.dcId() >= 1 && s.port() >= 1 && s.port() <= 65_535);
        assertEquals(256, s.authKey().length);
        assertTrue(!s.toString().contains(Base64.getUrlEncoder().encodeToString(s.authKey()).substring(0, 32)));
    }
}
