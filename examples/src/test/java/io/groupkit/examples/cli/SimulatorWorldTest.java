package io.groupkit.examples.cli;

import static io.groupkit.examples.cli.Runs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --simulator rehearses real work: a world with named groups and people who are not simply added. */
class SimulatorWorldTest {
    @TempDir
    Path dir;

    private static Map<String, String> kinds(Runs r) {
        return r.json().stream().filter(j -> j.has("person")).collect(Collectors.toMap(j -> j.get("line").asText(),
                j -> j.get("kind").asText()));
    }

    @Test
    void theBuiltInWorldHasPeopleWhoAreNotSimplyAdded() throws IOException {
        Path csv = dir.resolve("people.csv");
        Files.write(csv, List.of("+7 900 555-00-01", "+7 900 555-00-02", "+7 900 555-00-04", "+7 900 555-00-05",
                "+7 901 000-00-09"), StandardCharsets.UTF_8);
        Runs r = run("greenapi", "bulk-add", "120363000000000101@g.us", csv.toString(), "--simulator", "--json");
        assertEquals(1, r.code(), r.toString());
        assertEquals(Map.of("1", "ALREADY_MEMBER", "2", "NOT_REGISTERED", "3", "NOT_ADDED", "4", "NOT_IN_CONTACTS",
                "5", "ADDED"), kinds(r), r.out());
        Runs notAdmin = run("greenapi", "add", "120363000000000103@g.us", "+7 901 000-00-09", "--simulator", "--json");
        assertEquals("ACCESS_DENIED", notAdmin.json().get(0).get("kind").asText(), notAdmin.toString());
        Runs full = run("greenapi", "add", "120363000000000104@g.us", "+7 901 000-00-09", "--simulator", "--json");
        assertEquals("GROUP_FULL", full.json().get(0).get("kind").asText(), full.toString());
        Runs tg = run("telegram", "add", "chat:5001", "@carol", "--simulator", "--json");
        assertEquals("PRIVACY_RESTRICTED", tg.json().get(0).get("kind").asText(), tg.toString());
        Runs nobody = run("telegram", "add", "chat:5001", "@nobody", "--simulator", "--json");
        assertEquals(1, nobody.code(), nobody.toString());
        assertFalse(nobody.json().get(0).get("success").asBoolean(), nobody.toString());
    }

    @Test
    void anUnknownGroupIsNotFoundAsOnARealAccount() {
        Runs wa = run("greenapi", "add", "120363099999999999@g.us", "+7 901 000-00-09", "--simulator", "--json");
        assertEquals(1, wa.code(), wa.toString());
        assertEquals("NOT_FOUND", wa.json().get(0).get("kind").asText(), wa.toString());
        Runs members = run("greenapi", "members", "120363099999999999@g.us", "--simulator", "--json");
        assertEquals("NOT_FOUND", members.json().get(0).get("kind").asText(), members.toString());
        Runs tg = run("telegram", "add", "chat:9999", "@alice", "--simulator", "--json");
        assertEquals(1, tg.code(), tg.toString());
        Runs b24 = run("bitrix24", "add", "chat:999", "7", "--simulator", "--json");
        assertEquals(1, b24.code(), b24.toString());
    }

    @Test
    void aWorldFileGivesTheGroupsAndPeople() throws IOException {
        Path world = dir.resolve("world.json");
        Files.writeString(world, """
                {"greenapi": {"groups": [{"id": "120363000000000201@g.us", "title": "Board", "members": ["+7 900 555-09-01"]}],
                              "noAccount": ["+7 900 555-09-02"]},
                 "telegram": {"people": [{"id": 300, "username": "erin"}],
                              "groups": [{"chat": 6001, "title": "Ops", "members": ["@erin"]}]},
                 "bitrix24": {"users": [21], "chats": [{"id": 601, "title": "Ops", "owner": 1, "members": [21]}]}}
                """);
        Runs groups = run("greenapi", "groups", "--simulator", "--simulator-state", world.toString());
        assertEquals(0, groups.code(), groups.toString());
        assertTrue(groups.out().startsWith("1 group\n") && groups.out().contains("120363000000000201@g.us")
                && groups.out().contains("Board"), groups.out());
        Runs members = run("greenapi", "members", "120363000000000201@g.us", "--simulator", "--simulator-state",
                world.toString());
        assertTrue(members.out().startsWith("2 members"), members.out());
        Runs noAccount = run("greenapi", "add", "120363000000000201@g.us", "+7 900 555-09-02", "--simulator",
                "--simulator-state", world.toString(), "--json");
        assertEquals("NOT_REGISTERED", noAccount.json().get(0).get("kind").asText(), noAccount.toString());
        Runs erin = run("telegram", "add", "chat:6001", "@erin", "--simulator", "--simulator-state", world.toString());
        assertTrue(erin.out().startsWith("ALREADY_MEMBER"), erin.toString());
        Runs b24 = run("bitrix24", "groups", "--simulator", "--simulator-state", world.toString());
        assertTrue(b24.out().startsWith("1 group") && b24.out().contains("chat:601"), b24.toString());
        assertEquals(2, run("greenapi", "groups", "--simulator-state", world.toString()).code(), "a world is the simulator's");
    }

    @Test
    void aMistakeInAWorldFileIsNamed() throws IOException {
        Path world = dir.resolve("world.json");
        Files.writeString(world, "{\"greenapi\": {\"groups\": [{\"id\": \"120363000000000201@g.us\", \"titel\": \"Board\"}]}}");
        Runs r = run("greenapi", "groups", "--simulator", "--simulator-state", world.toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("unknown field \"titel\" in greenapi.groups"), r.err());
        Files.writeString(world, "{\"greenapi\": {\"noAccount\": [\"555-0102\"]}}");
        Runs phone = run("greenapi", "groups", "--simulator", "--simulator-state", world.toString());
        assertTrue(phone.err().contains("greenapi.noAccount must be international phone numbers"), phone.err());
        Files.writeString(world, "{\"greenapi\": ");
        assertTrue(run("greenapi", "groups", "--simulator", "--simulator-state", world.toString()).err().contains("is not JSON"));
    }

    @Test
    void theExampleWorldInTheRepositoryLoads() throws IOException {
        Path example = Path.of("simulator-world.json"); // examples/, where Maven runs this module's tests
        assertTrue(Files.exists(example), "examples/simulator-world.json is checked in");
        Runs r = run("telegram", "groups", "--simulator", "--simulator-state", example.toString(), "--json");
        assertEquals(0, r.code(), r.toString());
        JsonNode summary = r.summary();
        assertEquals(2, summary.get("summary").get("groups").asInt(), r.out());
        Runs max = run("greenapi", "groups", "--product", "max", "--simulator", "--simulator-state", example.toString());
        assertTrue(max.out().startsWith("3 groups") && max.out().contains("-10000000000101"), "its MAX world: " + max);
    }
}
