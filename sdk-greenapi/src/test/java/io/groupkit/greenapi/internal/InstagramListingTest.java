package io.groupkit.greenapi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupkit.core.Member;
import io.groupkit.greenapi.GreenApiProduct;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** An Instagram listing names people by id or by username, dots and all. */
class InstagramListingTest {
    private final ProductRules rules = ProductRules.of(GreenApiProduct.INSTAGRAM);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aListedUsernameKeepsItsDots() throws Exception {
        assertEquals(Member.username("first.last"), rules.listed("@first.last"), "first_last would be someone else");
        assertEquals(Optional.of("@first.last"), rules.participantId(json.readTree("{\"username\":\"first.last\"}")));
        assertEquals(Optional.of("17841400000000001"), rules.participantId(json.readTree("{\"id\":\"17841400000000001\"}")));
        // Not a name Instagram gives: the entry is unreadable rather than a made-up member.
        assertEquals(Optional.empty(), rules.participantId(json.readTree("{\"username\":\".hidden\"}")));
        assertEquals(Optional.empty(), rules.participantId(json.readTree("{\"username\":\"trailing.\"}")));
    }
}
