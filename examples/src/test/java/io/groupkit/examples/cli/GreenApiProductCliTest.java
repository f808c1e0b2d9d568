package io.groupkit.examples.cli;

import static io.groupkit.examples.cli.Runs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.greenapi.GreenApiProduct;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code greenapi --product max|telegram|instagram} and {@code GREEN_API_PRODUCT}: groups and people
 * read the product's way before anything is sent, the usage errors, one add against a stub that
 * answers as a MAX instance does, and each product on the simulator with its own world.
 */
class GreenApiProductCliTest {
    private static final String MAX_GROUP = "-10000000000123";

    @TempDir
    Path dir;

    private static GreenApiTarget target(String product) throws Usage {
        return (GreenApiTarget) new GreenApiTarget().configured(product, Map.of(), "the command line");
    }

    private static Member person(String product, String text) throws Usage {
        return target(product).person(text, null);
    }

    private static String refusal(String product, String text) {
        return assertThrows(Usage.class, () -> person(product, text), product + " " + text).getMessage();
    }

    @Test
    void eachProductReadsPeopleItsOwnWay() throws Usage {
        assertEquals(MemberKind.PHONE, person("whatsapp", "79001234567").kind(), "WhatsApp: bare digits are a phone");
        assertEquals(MemberKind.PHONE, person(null, "+79001234567").kind(), "no product is WhatsApp");

        assertEquals(Member.userId("10000000"), person("max", "10000000"), "MAX: a bare number is the person's MAX id");
        assertEquals(MemberKind.PHONE, person("MAX", "+7 900 123-45-67").kind());
        assertEquals(MemberKind.PHONE, person("v3", "+375291234567").kind());
        assertTrue(refusal("max", "+4915112345678").contains("+7"), "MAX's checkAccount finds only +7 and +375");
        assertTrue(refusal("max", "@alice").contains("MAX has no usernames"));

        assertEquals(Member.userId("10000000"), person("telegram", "10000000"));
        assertEquals(Member.username("alice_b"), person("telegram", "@alice_b"));
        assertEquals(MemberKind.PHONE, person("telegram", "+4915112345678").kind(), "Telegram looks up any phone");
        assertTrue(refusal("telegram", "@first.last").contains("no dots"));

        assertEquals(Member.userId("17841400000000001"), person("instagram", "17841400000000001"));
        assertEquals(MemberKind.USERNAME, person("instagram", "@first.last").kind(), "Instagram usernames take dots");
        assertTrue(refusal("instagram", "+79001234567").contains("Instagram finds no one by phone"));
        assertTrue(refusal("instagram", "123456789012345678901").contains("up to 20 digits"), "a group's length");
        assertTrue(refusal("telegram", "alice").contains("@username"));
        assertFalse(refusal("max", "+4915112345678").contains("4915112345678"), "no phone number in a message");
    }

    /**
     * A CRM's export holds phones, written every way; a phone sent as someone's messenger id would
     * add a stranger (or print the number unmasked as an id). A bare number shaped like a phone is
     * a phone; {@code id:} says otherwise.
     */
    @Test
    void aBareNumberShapedLikeAPhoneIsAPhoneOnMaxAndTelegram() throws Usage {
        assertEquals(Member.phone("+79005551281"), person("max", "79005551281"));
        assertEquals(Member.phone("+79005551282"), person("max", "89005551282"), "8…: Russian as dialled in Russia");
        assertEquals(Member.phone("+79005551283"), person("max", "8 900 555 12 83"));
        assertEquals(Member.phone("+79005551236"), person("max", " 7900 5551236 "));
        assertEquals(Member.phone("+375291234567"), person("max", "375291234567"));
        assertEquals(Member.userId("79005551281"), person("max", "id:79005551281"), "id: says it is an id");
        assertEquals(Member.userId("10000042"), person("max", "10000042"));
        assertEquals(Member.phone("+79005551281"), person("telegram", "79005551281"));
        assertEquals(Member.userId("5098765432"), person("telegram", "5098765432"), "Telegram ids have 10 digits at most");
        assertEquals(Member.userId("17841400000000001"), person("instagram", "17841400000000001"), "Instagram has no phones");
        assertFalse(person("max", "79005551281").toString().contains("79005551281"), "masked as a phone");
    }

    @Test
    void eachProductReadsGroupsItsOwnWay() throws Usage {
        assertEquals(MAX_GROUP, target("max").group(MAX_GROUP).key());
        assertEquals(MAX_GROUP, target("telegram").group(" " + MAX_GROUP + " ").key());
        String instagram = "340282366920938463463374607431768211";
        assertEquals(instagram, target("instagram").group(instagram).key(), "longer than a long, kept as text");
        assertTrue(assertThrows(Usage.class, () -> target("max").group("120363043968066561@g.us")).getMessage()
                .contains("a negative number such as -10000000000000"));
        assertThrows(Usage.class, () -> target("telegram").group("10000000"), "a person's id is not a group");
        assertTrue(assertThrows(Usage.class, () -> target("instagram").group("12345678901234567890")).getMessage()
                .contains("21 to 39 digits"));
        assertThrows(Usage.class, () -> target("whatsapp").group(MAX_GROUP));
    }

    @Test
    void aProductNoOneHasIsAUsageErrorNamingTheProducts() throws IOException {
        Runs bad = run("greenapi", "add", MAX_GROUP, "10000000", "--product", "vk");
        assertEquals(ExitCodes.USAGE, bad.code(), bad.toString());
        assertTrue(bad.err().contains("--product: expected a Green-API product: one of whatsapp, max, telegram, instagram;"
                + " got 'vk'"), bad.err());
        Runs other = run("bitrix24", "add", "chat:5", "7", "--product", "max");
        assertEquals(ExitCodes.USAGE, other.code());
        assertTrue(other.err().contains("--product is for greenapi"), other.err());
        assertEquals(ExitCodes.USAGE, run("greenapi", "add", MAX_GROUP, "10000000", "--product").code(), "no NAME");
        assertTrue(run("telegram", "login", "+79001234567", "s", "--product", "max").err().contains("not for login"));

        Path config = config("GREEN_API_PRODUCT=icq\n");
        Runs file = run("greenapi", "check", "--config", config.toString());
        assertEquals(ExitCodes.USAGE, file.code(), file.toString());
        assertTrue(file.err().contains("GREEN_API_PRODUCT in " + config + ": expected a Green-API product"), file.err());
        Runs env = run(Map.of("GREEN_API_PRODUCT", "telegram", "GREEN_API_PATH_PREFIX", "v3?x"), "greenapi", "check");
        assertEquals(ExitCodes.USAGE, env.code(), env.toString());
        assertTrue(env.err().contains("GREEN_API_PATH_PREFIX in the environment: expected a path prefix such as /v3"),
                env.err());
    }

    /** The built-in world's groups of each product (default-world.json, greenapi.max/telegram/instagram). */
    private static final String MAX_SUPPORT = "-10000000000102";
    private static final String TELEGRAM_SUPPORT = "-1002000000202";
    private static final String INSTAGRAM_SUPPORT = "340282366920938463463374607431768302";

    private static String kind(String... args) {
        Runs r = run(args);
        assertEquals(1, r.json().size(), r.toString());
        return r.json().get(0).path("kind").asText();
    }

    @Test
    void eachProductAddsOnTheSimulatorInItsWorld() {
        Runs max = run("greenapi", "add", MAX_SUPPORT, "+7 900 555-10-01", "--product", "max", "--simulator");
        assertEquals(ExitCodes.DONE, max.code(), max.toString());
        assertTrue(max.out().startsWith("ADDED"), max.out());
        assertFalse(max.out().contains("9005551001"), "the phone is masked: " + max.out());
        assertTrue(max.err().contains("embedded greenapi simulator"), max.err());
        Runs telegram = run("greenapi", "add", TELEGRAM_SUPPORT, "@alice", "--product", "telegram", "--simulator", "--json");
        assertEquals(ExitCodes.DONE, telegram.code(), telegram.toString());
        assertEquals("ADDED", telegram.json().get(0).path("kind").asText(), telegram.out());
        assertEquals("@alice", telegram.json().get(0).path("person").asText());
        Runs instagram = run("greenapi", "add", INSTAGRAM_SUPPORT, "@alice.b", "--product", "instagram", "--simulator",
                "--json");
        assertEquals(ExitCodes.DONE, instagram.code(), instagram.toString());
        assertEquals("ADDED", instagram.json().get(0).path("kind").asText(), instagram.out());

        // The world's members, by the id its people give their phone, username or id.
        assertEquals("ALREADY_MEMBER", kind("greenapi", "add", "-10000000000101", "+7 900 555-10-01", "--product", "max",
                "--simulator", "--json"), "MAX: the phone's account (10000101) is in Sales team");
        assertEquals("ALREADY_MEMBER", kind("greenapi", "add", "-1002000000201", "+49 151 55520001", "--product",
                "telegram", "--simulator", "--json"), "Telegram: @alice's phone is hers");
        assertEquals("ALREADY_MEMBER", kind("greenapi", "add", "340282366920938463463374607431768301",
                "17841400000000301", "--product", "instagram", "--simulator", "--json"), "Instagram: @alice.b's id");
        assertEquals("ALREADY_MEMBER", kind("greenapi", "add", "340282366920938463463374607431768301", "@alice.b",
                "--product", "instagram", "--simulator", "--json"), "Instagram answers true: the listing tells");
        assertEquals("ACCESS_DENIED", kind("greenapi", "add", "-10000000000103", "10000555", "--product", "max",
                "--simulator", "--json"), "the account is no admin of Accounting");
    }

    @Test
    void eachProductRefusesThePeopleWithoutAnAccount() {
        Runs max = run("greenapi", "add", MAX_SUPPORT, "+7 900 555-10-03", "--product", "max", "--simulator");
        assertEquals(ExitCodes.NOT_DONE, max.code(), max.toString());
        assertTrue(max.out().startsWith("NOT_REGISTERED") && max.out().contains("no MAX account"), max.out());
        assertEquals("NOT_REGISTERED", kind("greenapi", "add", TELEGRAM_SUPPORT, "@nobody", "--product", "telegram",
                "--simulator", "--json"));
        assertEquals("NOT_REGISTERED", kind("greenapi", "add", INSTAGRAM_SUPPORT, "@nobody.here", "--product",
                "instagram", "--simulator", "--json"));
        assertEquals("NOT_ADDED", kind("greenapi", "add", MAX_SUPPORT, "+375 29 555-10-02", "--product", "max",
                "--simulator", "--json"), "privacy-restricted: refused without a reason");
    }

    @Test
    void groupsOnTheSimulatorListTheProductsGroups() {
        Runs r = run("greenapi", "groups", "--simulator", "--product", "instagram");
        assertEquals(ExitCodes.DONE, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("3 groups", lines.get(0), r.out());
        assertTrue(lines.get(1).contains("340282366920938463463374607431768303") && lines.get(1).contains("Accounting")
                && lines.get(2).contains("340282366920938463463374607431768301") && lines.get(2).contains("Sales team")
                && lines.get(3).contains(INSTAGRAM_SUPPORT) && lines.get(3).contains("Support"), r.out());
        Runs max = run("greenapi", "groups", "--simulator", "--product", "max", "--json");
        assertTrue(max.out().contains("\"-10000000000101\"") && !max.out().contains("@g.us"), max.out());
    }

    @Test
    void aProductsWorldIsCheckedInItsShapes() throws IOException {
        Path world = dir.resolve("world.json");
        Files.writeString(world, "{\"greenapi\": {\"max\": {\"groups\": [{\"id\": \"120363000000000201@g.us\"}]}}}");
        Runs group = run("greenapi", "groups", "--simulator", "--simulator-state", world.toString(), "--product", "max");
        assertEquals(ExitCodes.USAGE, group.code(), group.toString());
        assertTrue(group.err().contains("greenapi.max.groups.id must be text of a negative number"), group.err());
        Files.writeString(world, "{\"greenapi\": {\"max\": {\"noAccount\": [\"@alice\"]}}}");
        assertTrue(run("greenapi", "groups", "--simulator", "--simulator-state", world.toString()).err()
                .contains("greenapi.max.noAccount must be MAX ids"), "checked whatever the product of the command");
        Files.writeString(world, "{\"greenapi\": {\"instagram\": {\"people\": [{\"id\": 1, \"phone\": \"+79005551001\"}]}}}");
        assertTrue(run("greenapi", "groups", "--simulator", "--simulator-state", world.toString()).err()
                .contains("greenapi.instagram.people.phone must be Instagram ids"));
        Files.writeString(world, "{\"greenapi\": {\"telegram\": {\"groups\": [], \"admins\": []}}}");
        assertTrue(run("greenapi", "groups", "--simulator", "--simulator-state", world.toString()).err()
                .contains("unknown field \"admins\" in greenapi.telegram"));

        Files.writeString(world, """
                {"greenapi": {"telegram": {"groups": [{"id": "-5001", "title": "Ops", "members": ["@erin", "+49 151 55520003"]}],
                                           "privacyRestricted": ["@erin"]}}}
                """);
        Runs members = run("greenapi", "members", "-5001", "--simulator", "--simulator-state", world.toString(),
                "--product", "telegram");
        assertTrue(members.out().startsWith("3 members"), "people the world names by phone or username get ids: " + members);
        assertEquals("ALREADY_MEMBER", kind("greenapi", "add", "-5001", "@erin", "--simulator", "--simulator-state",
                world.toString(), "--product", "telegram", "--json"), "the same id for the same username");
    }

    /** {@code simulator start --product max}: its state names the product, and another product is refused. */
    @Test
    void aRunningSimulatorServesTheProductItWasStartedWith() throws Exception {
        Target max = new GreenApiTarget().configured("max", Map.of(), "the command line");
        Target.Shared shared = max.share(SimulatorWorld.builtIn());
        try {
            assertEquals("max", shared.state().get("product"));
            assertTrue(shared.address().endsWith("(MAX)"), shared.address());
            JsonNode state = new ObjectMapper().valueToTree(shared.state());
            Usage refused = assertThrows(Usage.class, () -> new GreenApiTarget().attach(state, Map.of(), b -> b));
            assertEquals("the running simulator ('groupkit simulator start') serves Green-API's MAX, not WhatsApp: give"
                    + " --product max, or stop it and start it again without --product", refused.getMessage());
            assertTrue(assertThrows(Usage.class, () -> target("instagram").attach(state, Map.of(), b -> b)).getMessage()
                    .contains("not Instagram: give --product max, or stop it and start it again with --product instagram"));
            try (Connection c = max.attach(state, Map.of(), b -> b)) {
                assertEquals("ADDED", c.client().addAsync(max.group(MAX_SUPPORT), max.person("+79005551001", null))
                        .get(10, java.util.concurrent.TimeUnit.SECONDS).getClass().getSimpleName().toUpperCase(
                                java.util.Locale.ROOT), "the MAX world, on the MAX instance");
            }
            JsonNode before = state.deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) before).remove("product");
            assertTrue(assertThrows(Usage.class, () -> max.attach(before, Map.of(), b -> b)).getMessage()
                    .contains("serves Green-API's WhatsApp, not MAX: leave out --product"), "a state without a product");
        } finally {
            shared.simulator().close();
        }
    }

    @Test
    void theProductsHelpShowsItsGroups() {
        Runs help = run("greenapi", "add", "--help", "--product", "max");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("group: -10000000000000"), help.out());
        assertTrue(help.out().contains("--product NAME"), help.out());
        assertTrue(run("--help").out().contains("GREEN_API_PRODUCT"));
    }

    @Test
    void aFileOfPeopleIsCheckedForTheProduct() throws IOException {
        Path csv = dir.resolve("people.csv");
        Files.writeString(csv, "person\n10000001\n@alice\n+79001234567\n+4915112345678\n");
        Runs r = run(Map.of("GREEN_API_URL", "http://127.0.0.1:9", "GREEN_API_INSTANCE", "1101000001",
                "GREEN_API_TOKEN", "t0kenSecret", "GREEN_API_PRODUCT", "max"), "greenapi", "bulk-add", MAX_GROUP,
                csv.toString());
        assertEquals(ExitCodes.USAGE, r.code(), r.toString());
        assertTrue(r.err().contains("line 3") && r.err().contains("MAX has no usernames"), r.err());
        assertTrue(r.err().contains("line 5"), r.err());
        assertFalse(r.err().contains("line 2") || r.err().contains("line 4"), r.err());
        assertFalse(r.err().contains("4915112345678"), "no phone number in a message");
    }

    /** A MAX instance as the stub answers: under /v3/, groups by chatId, a phone looked up with checkAccount. */
    @Test
    void anAddOnMaxGoesUnderV3WithChatIdsAndLooksUpAPhone() throws IOException {
        List<String[]> calls = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new String[] {path, body});
            String[] parts = path.split("/");
            String method = parts.length > 3 ? parts[3] : "";
            String answer = switch (method) {
                case "getStateInstance" -> "{\"stateInstance\":\"authorized\"}";
                case "getAccountSettings" -> "{\"chatId\":\"10000000\"}";
                case "getGroupData" -> "{\"chatId\":\"" + MAX_GROUP + "\",\"subject\":\"Team\",\"groupInviteLink\":"
                        + "\"https://max.ru/join/abc\",\"participants\":[{\"chatId\":\"10000000\",\"isAdmin\":true}]}";
                case "checkAccount" -> "{\"exist\":true,\"chatId\":\"10000002\"}";
                case "addGroupParticipant" -> "{\"addParticipant\":true}";
                default -> null;
            };
            byte[] bytes = (answer == null ? "{}" : answer).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        try {
            Path config = config("GREEN_API_URL=http://127.0.0.1:" + server.getAddress().getPort() + "\n"
                    + "GREEN_API_INSTANCE=1101000001\nGREEN_API_TOKEN=t0kenSecret\nGREEN_API_PRODUCT=max\n");
            Runs byId = run("greenapi", "add", MAX_GROUP, "10000001", "--config", config.toString(), "--json");
            assertEquals(ExitCodes.DONE, byId.code(), byId + "\n" + paths(calls));
            assertEquals("ADDED", byId.json().get(0).path("kind").asText(), byId.out());
            JsonNode add = addBody(calls);
            assertEquals(MAX_GROUP, add.path("chatId").asText(), "MAX names the group chatId, not groupId");
            assertEquals("10000001", add.path("participantChatId").asText());
            assertTrue(calls.stream().allMatch(c -> c[0].startsWith("/v3/waInstance1101000001/")), paths(calls));

            calls.clear();
            Runs byPhone = run("greenapi", "add", MAX_GROUP, "+79001234567", "--config", config.toString(), "--json");
            assertEquals(ExitCodes.DONE, byPhone.code(), byPhone + "\n" + paths(calls));
            JsonNode check = calls.stream().filter(c -> c[0].contains("/checkAccount/")).map(c -> json(c[1])).findFirst()
                    .orElseThrow(() -> new AssertionError("no checkAccount: " + paths(calls)));
            assertEquals(79001234567L, check.path("phoneNumber").asLong());
            assertEquals("10000002", addBody(calls).path("participantChatId").asText(), "the id checkAccount found");
            assertFalse(byPhone.out().contains("9001234567"), "the phone is masked: " + byPhone.out());
        } finally {
            server.stop(0);
        }
    }

    private Path config(String text) throws IOException {
        Path config = dir.resolve("greenapi.env");
        Files.writeString(config, text);
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        return config;
    }

    private static JsonNode addBody(List<String[]> calls) {
        return calls.stream().filter(c -> c[0].contains("/addGroupParticipant/")).map(c -> json(c[1])).findFirst()
                .orElseThrow(() -> new AssertionError("no addGroupParticipant: " + paths(calls)));
    }

    private static JsonNode json(String body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError(body, e);
        }
    }

    private static String paths(List<String[]> calls) {
        return calls.stream().map(c -> c[0].replace("t0kenSecret", "***")).toList().toString();
    }
}
