package io.groupkit.testkit.greenapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupkit.testkit.greenapi.GreenApiSimulator.Product;
import io.groupkit.testkit.time.VirtualTime;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator speaks each product's wire: paths, fields, ids, answers, states, links and rates. */
class GreenApiSimulatorProductsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "tok";
    private static final String MAX_GROUP = "-1001234567890";
    private static final String TG_GROUP = "-1009876543210";
    private static final String IG_GROUP = "340282366841710300949128174631143137232";

    private final VirtualTime time = VirtualTime.create();
    private final GreenApiSimulator sim = GreenApiSimulator.start(time);
    private final GreenApiSimulator.Instance wa = sim.instance("1101000001", TOKEN).group("120363043968066561@g.us");
    private final GreenApiSimulator.Instance max = sim.instance("3100000001", TOKEN, Product.MAX).group(MAX_GROUP);
    private final GreenApiSimulator.Instance tg = sim.instance("4100000001", TOKEN, Product.TELEGRAM).group(TG_GROUP);
    private final GreenApiSimulator.Instance ig = sim.instance("5100000001", TOKEN, Product.INSTAGRAM).group(IG_GROUP);

    private record Reply(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** Calls a second apart, below every rate, except where the rates are the subject. */
    private boolean spaced = true;

    private Reply call(String prefix, String instance, String method, String body) throws IOException {
        if (spaced) {
            time.advance(Duration.ofSeconds(1));
        }
        HttpURLConnection c = (HttpURLConnection) URI.create(sim.url() + prefix + "/waInstance" + instance + "/" + method
                + "/" + TOKEN).toURL().openConnection();
        if (body == null) {
            c.setRequestMethod("GET");
        } else {
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            try (OutputStream out = c.getOutputStream()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new Reply(status, in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private Reply post(String instance, String method, String body) throws IOException {
        return call("", instance, method, body);
    }

    @Test
    void maxAnswersUnderV3AndWithoutItTheOthersOnlyWithout() throws IOException {
        assertEquals(200, call("/v3", "3100000001", "getStateInstance", null).status());
        assertEquals(200, call("", "3100000001", "getStateInstance", null).status());
        assertEquals(404, call("/v3", "4100000001", "getStateInstance", null).status());
        assertEquals(404, call("/v3", "1101000001", "getStateInstance", null).status());
    }

    @Test
    void groupsAreNamedByChatIdOutsideWhatsApp() throws IOException {
        assertEquals(MAX_GROUP, post("3100000001", "getGroupData", "{\"chatId\":\"" + MAX_GROUP + "\"}").json()
                .path("chatId").asText());
        assertEquals(400, post("3100000001", "addGroupParticipant", "{\"groupId\":\"" + MAX_GROUP
                + "\",\"participantChatId\":\"10000000\"}").status(), "groupId is WhatsApp's field");
        JsonNode data = post("3100000001", "getGroupData", "{\"chatId\":\"" + MAX_GROUP + "\"}").json();
        JsonNode owner = data.path("participants").get(0);
        assertEquals(max.ownId(), owner.path("chatId").asText());
        assertTrue(owner.path("isAdmin").asBoolean() && owner.path("isSuperAdmin").asBoolean());
        assertEquals(max.ownId(), post("3100000001", "getAccountSettings", null).json().path("chatId").asText());
        assertThrows(IllegalArgumentException.class, () -> max.group("120363000000000001@g.us"));
        assertThrows(IllegalArgumentException.class, () -> ig.group("-100123"));
        assertThrows(IllegalArgumentException.class, () -> sim.instance("3100000001", TOKEN, Product.TELEGRAM));
    }

    @Test
    void alreadyAMemberIsFalseOnMaxAndTelegramAndTrueWithNobodyAddedOnInstagram() throws IOException {
        String maxAdd = "{\"chatId\":\"" + MAX_GROUP + "\",\"participantChatId\":\"10000000\"}";
        assertTrue(post("3100000001", "addGroupParticipant", maxAdd).json().path("addParticipant").asBoolean());
        assertEquals("{\"addParticipant\":false}", post("3100000001", "addGroupParticipant", maxAdd).body());

        String tgAdd = "{\"chatId\":\"" + TG_GROUP + "\",\"participantChatId\":\"10000000\"}";
        post("4100000001", "addGroupParticipant", tgAdd);
        JsonNode again = post("4100000001", "addGroupParticipant", tgAdd).json();
        assertEquals(false, again.path("addParticipant").asBoolean(true));
        assertTrue(again.path("reason").isTextual(), "Telegram gives a reason on false");

        String igAdd = "{\"chatId\":\"" + IG_GROUP + "\",\"participantChatId\":\"@some.person\"}";
        assertTrue(post("5100000001", "addGroupParticipant", igAdd).json().path("addParticipant").asBoolean());
        assertTrue(post("5100000001", "addGroupParticipant", igAdd).json().path("addParticipant").asBoolean());
        assertEquals(1, ig.effectiveAdds(IG_GROUP).size(), "the second true added nobody");
        JsonNode listed = post("5100000001", "getGroupData", "{\"chatId\":\"" + IG_GROUP + "\"}").json().path("participants");
        assertEquals("@some.person", listed.get(1).path("username").asText());
    }

    @Test
    void telegramAnswersAnIdItCannotTakeWith400AndFalse() throws IOException {
        tg.withoutAccount("10000099");
        for (String id : new String[] {"not-a-number", "10000099"}) {
            Reply r = post("4100000001", "addGroupParticipant", "{\"chatId\":\"" + TG_GROUP + "\",\"participantChatId\":\"" + id + "\"}");
            assertEquals(400, r.status());
            assertEquals("{\"addParticipant\":false}", r.body());
        }
    }

    @Test
    void accountChecksPerProduct() throws IOException {
        max.account("79001234567", "10000042");
        JsonNode found = post("3100000001", "checkAccount", "{\"phoneNumber\":79001234567}").json();
        assertTrue(found.path("exist").asBoolean());
        assertEquals("10000042", found.path("chatId").asText());
        assertEquals(400, post("3100000001", "checkAccount", "{\"phoneNumber\":15550001234}").status(), "MAX: RU/BY only");
        assertEquals(200, post("3100000001", "checkAccount", "{\"phoneNumber\":375291234567}").status());
        assertEquals(404, post("3100000001", "checkWhatsapp", "{\"phoneNumber\":79001234567}").status());
        assertEquals(404, post("1101000001", "checkAccount", "{\"phoneNumber\":79001234567}").status());

        JsonNode byName = post("4100000001", "checkAccount", "{\"username\":\"@durov_fan\"}").json();
        assertTrue(byName.path("exist").asBoolean());
        assertEquals(byName, post("4100000001", "checkAccount", "{\"username\":\"@Durov_Fan\"}").json(), "same id again");
        tg.withoutWhatsapp("15550001234");
        assertEquals(false, post("4100000001", "checkAccount", "{\"phoneNumber\":15550001234}").json().path("exist").asBoolean(true));

        JsonNode igName = post("5100000001", "checkAccount", "{\"username\":\"ig.person\"}").json();
        assertEquals("@ig.person", igName.path("username").asText());
        JsonNode igId = post("5100000001", "checkAccount", "{\"chatId\":\"" + igName.path("chatId").asText() + "\"}").json();
        assertEquals(igName, igId, "the id names the same account, username included");
    }

    @Test
    void instagramHasNoGroupPictureAndRefusesAPersonsIdAsAGroup() throws IOException {
        assertEquals(404, post("5100000001", "setGroupPicture", "").status());
        assertEquals(400, post("5100000001", "getGroupData", "{\"chatId\":\"49547665464\"}").status());
    }

    @Test
    void statesAndInviteLinksPerProduct() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> max.state("yellowCard"));
        assertThrows(IllegalArgumentException.class, () -> wa.state("pendingPassword"));
        tg.state("pendingPassword");
        assertEquals("pendingPassword", post("4100000001", "getStateInstance", null).json().path("stateInstance").asText());
        assertEquals(400, post("4100000001", "getGroupData", "{\"chatId\":\"" + TG_GROUP + "\"}").status());
        max.state("suspended");
        assertEquals(false, post("3100000001", "addGroupParticipant", "{\"chatId\":\"" + MAX_GROUP
                + "\",\"participantChatId\":\"10000000\"}").json().path("addParticipant").asBoolean(true));
        assertEquals(403, post("3100000001", "sendMessage", "{\"chatId\":\"10000055\",\"message\":\"hi\"}").status(),
                "a suspended MAX account writes to its contacts only");

        assertTrue(link("5100000001", IG_GROUP).startsWith("https://"));
        assertTrue(link("3100000001", MAX_GROUP).startsWith("https://max.ru/join/"));
        tg.state("authorized");
        assertTrue(link("4100000001", TG_GROUP).startsWith("https://t.me/+"));
        JsonNode created = post("4100000001", "createGroup", "{\"groupName\":\"New\",\"chatIds\":[\"10000001\"]}").json();
        assertTrue(created.path("chatId").asText().startsWith("-"));
        assertEquals(Set.of(tg.ownId(), "10000001"), tg.members(created.path("chatId").asText()));
    }

    private String link(String instance, String group) throws IOException {
        return post(instance, "getGroupData", "{\"chatId\":\"" + group + "\"}").json().path("groupInviteLink").asText();
    }

    @Test
    void ratesPerProduct() throws IOException {
        spaced = false;
        // MAX: 1 add and 10 group-data reads per second; WhatsApp the other way round.
        String maxAdd = "{\"chatId\":\"" + MAX_GROUP + "\",\"participantChatId\":\"1000000%d\"}";
        assertEquals(200, post("3100000001", "addGroupParticipant", String.format(maxAdd, 1)).status());
        assertEquals(429, post("3100000001", "addGroupParticipant", String.format(maxAdd, 2)).status());
        for (int i = 0; i < 10; i++) {
            assertEquals(200, post("3100000001", "getGroupData", "{\"chatId\":\"" + MAX_GROUP + "\"}").status());
        }
        assertEquals(429, post("3100000001", "getGroupData", "{\"chatId\":\"" + MAX_GROUP + "\"}").status());
        // Telegram: 1 per second for every group method.
        assertEquals(200, post("4100000001", "getGroupData", "{\"chatId\":\"" + TG_GROUP + "\"}").status());
        assertEquals(429, post("4100000001", "getGroupData", "{\"chatId\":\"" + TG_GROUP + "\"}").status());
        // Instances are counted apart: WhatsApp's first read is not MAX's eleventh.
        assertEquals(200, post("1101000001", "getGroupData", "{\"groupId\":\"120363043968066561@g.us\"}").status());
        assertEquals(4, sim.rateRejections() + 1);
        time.advance(Duration.ofSeconds(1));
        assertEquals(200, post("3100000001", "addGroupParticipant", String.format(maxAdd, 2)).status());
    }
}
