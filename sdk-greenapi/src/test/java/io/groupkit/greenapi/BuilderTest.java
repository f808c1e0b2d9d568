package io.groupkit.greenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The builder refuses what cannot work, saying what was expected, and never shows the token. */
@Order(7)
class BuilderTest {

    @Test
    void apiUrlIsRequiredAndChecked() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> GreenApi.builder().instance(Fixture.ID, Fixture.TOKEN).build());
        assertTrue(missing.getMessage().contains("apiUrl is required"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GreenApi.builder().apiUrl("http://7103.api.greenapi.com"));
        assertThrows(IllegalArgumentException.class, () -> GreenApi.builder().apiUrl("https://host/waInstance1"));
        assertThrows(IllegalArgumentException.class, () -> GreenApi.builder().apiUrl("not a url"));
        GreenApi.builder().apiUrl("https://7103.api.greenapi.com/");
        GreenApi.builder().apiUrl("http://127.0.0.1:8080");
    }

    @Test
    void credentialsAreCheckedWithoutEchoingTheToken() {
        IllegalArgumentException badId = assertThrows(IllegalArgumentException.class,
                () -> GreenApi.builder().instance("abc", Fixture.TOKEN));
        assertFalse(badId.getMessage().contains(Fixture.TOKEN));
        IllegalArgumentException badToken = assertThrows(IllegalArgumentException.class,
                () -> GreenApi.builder().instance(Fixture.ID, Fixture.TOKEN + "/../x"));
        assertFalse(badToken.getMessage().contains(Fixture.TOKEN), badToken.getMessage());
        assertThrows(IllegalStateException.class, () -> GreenApi.builder().apiUrl("https://h.example").build());
    }

    @Test
    void toStringsShowNoToken() {
        GreenApi.Builder b = GreenApi.builder().apiUrl("https://7103.api.greenapi.com").instance(Fixture.ID, Fixture.TOKEN);
        GreenApiClient client = b.build();
        assertFalse(b.toString().contains(Fixture.TOKEN), b.toString());
        assertFalse(client.toString().contains(Fixture.TOKEN), client.toString());
        assertTrue(client.toString().contains(Fixture.ID), client.toString());
    }

    @Test
    void groupIdsAndChatIdsMustBeWhatsappIds() {
        GreenApiClient client = GreenApi.builder().apiUrl("https://7103.api.greenapi.com").instance(Fixture.ID, Fixture.TOKEN).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> client.add(GroupRef.of("my-group"), Member.phone("+79001234568")));
        assertTrue(e.getMessage().contains("@g.us"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> client.add(Fixture.GROUP, Member.chatId("someone@example")));
        assertThrows(IllegalArgumentException.class, () -> client.add(Fixture.GROUP, Member.username("someone")));
        assertThrows(IllegalArgumentException.class, () -> client.createGroup("", List.of(Member.phone("+79001234568"))));
        assertThrows(IllegalArgumentException.class, () -> client.createGroup("x".repeat(101), List.of(Member.phone("+79001234568"))));
        assertThrows(IllegalArgumentException.class, () -> client.createGroup("Team", List.of()));
        assertThrows(IllegalArgumentException.class, () -> client.setGroupPicture(Fixture.GROUP, new byte[] {'P', 'N', 'G'}));
        assertThrows(IllegalArgumentException.class, () -> client.setGroupPicture(Fixture.GROUP, new byte[0]));
        assertEquals("green-api", client.provider());
    }
}
