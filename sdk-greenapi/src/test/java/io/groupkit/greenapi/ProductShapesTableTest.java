package io.groupkit.greenapi;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.groupkit.greenapi.GreenApiProduct.INSTAGRAM;
import static io.groupkit.greenapi.GreenApiProduct.MAX;
import static io.groupkit.greenapi.GreenApiProduct.TELEGRAM;
import static io.groupkit.greenapi.ProductWire.group;
import static io.groupkit.greenapi.ProductWire.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.groupkit.core.Added;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.testkit.time.VirtualTime;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ids of a shape the product does not use are refused before anything is sent, with a message
 * naming the expected shape; requests go under the product's path and name the group by
 * {@code chatId}.
 */
@Order(2)
class ProductShapesTableTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    private static final ProductWire W = new ProductWire(wm);

    private final VirtualTime time = VirtualTime.create();

    /**
     * A call with an id of the wrong shape.
     *
     * @param product the product
     * @param what the id and why it is wrong
     * @param doc the page documenting the right shape
     * @param call the call
     * @param expected words the refusal must contain
     */
    record Shape(GreenApiProduct product, String what, String doc, Consumer<GreenApiClient> call, String expected) {
        @Override
        public String toString() {
            return product + ": " + what;
        }
    }

    private static final String MAX_IDS = "https://green-api.com/v3/docs/api/chat-id";
    private static final String TG_IDS = "https://green-api.com/en/telegram/docs/api/chat-id";
    private static final String IG_IDS = "https://green-api.com/en/instagram/docs/api/chat-id";

    static Stream<Shape> shapes() {
        String waGroup = "120363043968066561@g.us";
        return Stream.of(
                new Shape(MAX, "a WhatsApp group id (@g.us)", MAX_IDS,
                        c -> c.add(GroupRef.of(waGroup), person(MAX)), "negative number"),
                new Shape(MAX, "a positive group id", MAX_IDS,
                        c -> c.members(GroupRef.of("10000000000000")), "negative number"),
                new Shape(MAX, "a WhatsApp person id (@c.us)", MAX_IDS,
                        c -> c.add(group(MAX), Member.chatId("79001234567@c.us")), "positive number"),
                new Shape(MAX, "a negative person id", MAX_IDS,
                        c -> c.remove(group(MAX), Member.chatId("-10000000")), "positive number"),
                new Shape(MAX, "a German phone (checkAccount takes +7 and +375 only)",
                        "https://green-api.com/v3/docs/api/service/CheckAccount",
                        c -> c.add(group(MAX), Member.phone("+49 30 1234567")), "+375"),
                new Shape(MAX, "a German phone to checkAccount", "https://green-api.com/v3/docs/api/service/CheckAccount",
                        c -> c.checkAccount(Member.phone("+49 30 1234567")), "+7"),
                new Shape(MAX, "a username (MAX has none to look up)", MAX_IDS,
                        c -> c.add(group(MAX), Member.username("john_doe")), "USERNAME"),
                new Shape(TELEGRAM, "a positive group id", TG_IDS,
                        c -> c.add(GroupRef.of("5098765432"), person(TELEGRAM)), "negative number"),
                new Shape(TELEGRAM, "a WhatsApp group id (@g.us)", TG_IDS,
                        c -> c.leave(GroupRef.of(waGroup)), "negative number"),
                new Shape(TELEGRAM, "a dotted username", "https://green-api.com/en/telegram/docs/api/service/CheckAccount",
                        c -> c.add(group(TELEGRAM), Member.username("john.doe")), "no dots"),
                new Shape(TELEGRAM, "a negative person id", TG_IDS,
                        c -> c.setAdmin(group(TELEGRAM), Member.chatId("-10000000")), "positive number"),
                new Shape(TELEGRAM, "a person id with @c.us in a group method", TG_IDS,
                        c -> c.add(group(TELEGRAM), Member.chatId("79001234567@c.us")), "no @c.us"),
                new Shape(INSTAGRAM, "an 18-digit (WhatsApp-style) group id", IG_IDS,
                        c -> c.add(GroupRef.of("120363043968066561"), person(INSTAGRAM)), "21 to 39 digits"),
                new Shape(INSTAGRAM, "a person's id as the group (a personal chat)",
                        "https://green-api.com/en/instagram/docs/api/groups/GetGroupData",
                        c -> c.members(GroupRef.of("49547665464")), "21 to 39 digits"),
                new Shape(INSTAGRAM, "a negative group id", IG_IDS,
                        c -> c.inviteLink(GroupRef.of("-10000000000000")), "no minus sign"),
                new Shape(INSTAGRAM, "a WhatsApp group id (@g.us)", IG_IDS,
                        c -> c.rename(GroupRef.of(waGroup), "New"), "no @g.us"),
                new Shape(INSTAGRAM, "a WhatsApp person id (@c.us)", IG_IDS,
                        c -> c.add(group(INSTAGRAM), Member.chatId("79001234567@c.us")), "no @c.us"),
                new Shape(INSTAGRAM, "a group id as the person", IG_IDS,
                        c -> c.remove(group(INSTAGRAM), Member.chatId("340282366841710300949128174631143137232")),
                        "up to 20 digits"),
                new Shape(MAX, "a group id of 21 digits", MAX_IDS,
                        c -> c.members(GroupRef.of("-100000000000000000000")), "negative number"),
                new Shape(INSTAGRAM, "a 40-digit group id", IG_IDS,
                        c -> c.members(GroupRef.of("3402823668417103009491281746311431372321")), "21 to 39 digits"),
                new Shape(INSTAGRAM, "createGroup with one person (two needed)",
                        "https://green-api.com/en/instagram/docs/api/groups/CreateGroup",
                        c -> c.createGroup("Team", List.of(person(INSTAGRAM))), "at least 2"),
                new Shape(INSTAGRAM, "createGroup with the same person twice",
                        "https://green-api.com/en/instagram/docs/api/groups/CreateGroup",
                        c -> c.createGroup("Team", List.of(person(INSTAGRAM), person(INSTAGRAM))), "at least 2"),
                new Shape(INSTAGRAM, "a phone (Instagram has no phone look-up)",
                        "https://green-api.com/en/instagram/docs/api/service/CheckAccount",
                        c -> c.add(group(INSTAGRAM), Member.phone("+7 900 123 45 67")), "PHONE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void aWrongShapeIsRefusedBeforeAnythingIsSent(Shape shape) {
        GreenApiClient client = W.client(shape.product(), time, p -> p);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shape.call().accept(client));
        assertTrue(e.getMessage().toLowerCase(Locale.ROOT).contains(shape.expected().toLowerCase(Locale.ROOT)),
                e.getMessage());
        assertTrue(e.getMessage().contains("expected") || e.getMessage().contains("takes members of kind"), e.getMessage());
        assertEquals(0, W.served().size(), "nothing was sent");
    }

    @ParameterizedTest
    @EnumSource(value = GreenApiProduct.class, names = {"MAX", "TELEGRAM", "INSTAGRAM"})
    void requestsGoUnderTheProductsPathAndNameTheGroupByChatId(GreenApiProduct p) {
        W.ok("addGroupParticipant", "{\"addParticipant\":true}");
        GreenApiClient client = W.client(p, time, b -> b.prechecks(Prechecks.OFF));
        assertInstanceOf(Added.class, client.add(group(p), person(p)));
        String url = W.served().get(0).getRequest().getUrl();
        // https://green-api.com/v3/docs/important-differences: MAX's methods under /v3/.
        assertEquals(ProductWire.prefix(p) + "/waInstance" + Fixture.ID + "/addGroupParticipant/" + Fixture.TOKEN, url);
        assertEquals("{\"chatId\":\"" + ProductWire.groupId(p) + "\",\"participantChatId\":\""
                + ProductWire.personId(p) + "\"}", W.sent("addGroupParticipant").get(0));
    }

    @Test
    void maxWithoutThePrefixWhenAskedTo() {
        // https://green-api.com/v3/docs/request-format: /v3/ is optional, kept for backward compatibility.
        W.ok("getGroupData", "{\"chatId\":\"-10000000000000\",\"participants\":[]}");
        GreenApiClient client = W.client(MAX, time, b -> b.prechecks(Prechecks.OFF), b -> b.pathPrefix(""));
        client.members(group(MAX));
        assertEquals(List.of("/waInstance" + Fixture.ID + "/getGroupData/" + Fixture.TOKEN),
                W.served().stream().map(e -> e.getRequest().getUrl()).toList());
    }
}
