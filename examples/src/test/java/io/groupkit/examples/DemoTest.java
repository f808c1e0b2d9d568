package io.groupkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {

    @Test
    void theDemoRunsEveryStepAsExpected() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String output = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, output);
        assertTrue(output.contains("Every step behaved as expected."), output);
        assertFalse(output.contains("[!!]"), output);
        assertTrue(output.contains("-> NOT_REGISTERED"), output);
        assertTrue(output.contains("[ok] The same add on MAX"), output);
        assertTrue(output.contains("120363043968066561@g.us      Customers"), output);
        assertTrue(output.contains("chat900") && output.contains("(may add people)"), output);
        assertTrue(output.contains("item-not-found"), output);
        assertTrue(output.contains("-> SPAM_LIMITED"), output);
        assertTrue(output.contains("-> ACCESS_DENIED_EXTEND"), output);
        assertTrue(output.contains("in 3 batch requests"), output);
        assertTrue(output.contains("possible: the person's privacy settings forbid being added to groups"), output);
        assertTrue(output.contains("500/500"), output);
        assertTrue(output.contains("-> PRIVACY_RESTRICTED (telegram MISSING_INVITEE"), output);
        assertTrue(output.contains("premium_would_allow_invite=true"), output);
        assertTrue(output.contains("{ADDED=5, SPAM_LIMITED=1}, 14 kept for later"), output);
        assertTrue(output.contains("JOINED 79*******07@c.us, joined by invitation after 3 s"), output);
        assertTrue(output.contains("The invitation is closed: 1 joined, 0 pending"), output);
        assertTrue(output.contains("\"GroupKit · @member_120\", usage limit 1"), output);
        assertTrue(output.contains("JOINED user 120, joined by invitation after 3 s (INVITE_LINK)"), output);
        assertTrue(output.contains("lets nobody else in: INVITE_HASH_EXPIRED; the link was used 1 of 1 times"), output);
        assertTrue(output.contains("-> NOT_ADDED (telegram-bot BOT_CANNOT_ADD"), output);
        assertTrue(output.contains("\"GroupKit · id …131\", member limit 1"), output);
        assertTrue(output.contains("JOINED user 131, joined by invitation after 3 s (INVITE_LINK)"), output);
        assertTrue(output.contains("A forward of the link lets nobody else in: INVITE_HASH_EXPIRED"), output);
        assertFalse(output.contains("79000000007"), "the invited person's number is masked");
        assertFalse(output.contains("9001234568"), "phone numbers are masked in the output");
    }
}
