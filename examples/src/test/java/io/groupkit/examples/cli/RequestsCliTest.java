package io.groupkit.examples.cli;

import static io.groupkit.examples.cli.Runs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** {@code groupkit <provider> requests GROUP [approve|decline PERSON|--all]} on the built-in world. */
class RequestsCliTest {

    @Test
    void theBuiltInWorldsWaitingPeopleAreListed() {
        Runs r = run("telegram", "requests", "channel:7001", "--simulator", "--json");
        assertEquals(0, r.code(), r.toString());
        JsonNode page = r.json().get(0);
        assertEquals("JOIN_REQUESTS", page.get("kind").asText(), r.toString());
        List<String> ids = StreamSupport.stream(page.get("requests").spliterator(), false).map(q -> q.get("id").asText())
                .sorted().toList();
        assertEquals(List.of("104", "105"), ids, r.toString());
        Runs text = run("telegram", "requests", "channel:7001", "--simulator");
        assertEquals(0, text.code(), text.toString());
        assertTrue(text.out().contains("2 pending join requests"), text.out());
        assertTrue(text.out().contains("id 104"), text.out());
        assertTrue(text.out().contains("@erin"), "who asked, as Telegram shows them: " + text.out());
    }

    @Test
    void oneOrEveryoneIsApprovedOrDeclined() {
        Runs one = run("telegram", "requests", "channel:7001", "approve", "@erin", "--simulator", "--json");
        assertEquals(0, one.code(), one.toString());
        assertEquals("DONE", one.json().get(0).get("kind").asText(), one.toString());
        Runs byId = run("telegram", "requests", "channel:7001", "decline", "105", "--simulator", "--json");
        assertEquals("DONE", byId.json().get(0).get("kind").asText(), byId.toString());
        Runs all = run("telegram", "requests", "channel:7001", "approve", "--all", "--simulator", "--json");
        assertEquals("DONE", all.json().get(0).get("kind").asText(), all.toString());
        Runs member = run("telegram", "requests", "chat:5001", "approve", "101", "--simulator", "--json");
        assertEquals("ALREADY_MEMBER", member.json().get(0).get("kind").asText(), member.toString());
    }

    @Test
    void aPersonWithoutARequestIsNotFoundAndTheirNumberIsMasked() {
        Runs r = run("telegram", "requests", "channel:7001", "decline", "+7 900 555-01-01", "--simulator");
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().contains("NOT_FOUND"), r.out());
        assertFalse(r.out().contains("79005550101") || r.err().contains("79005550101"), "the phone is masked: " + r);
    }

    @Test
    void providersWithoutJoinRequestsSaySo() {
        Runs wa = run("greenapi", "requests", "120363000000000101@g.us", "--simulator", "--json");
        assertEquals("UNSUPPORTED", wa.json().get(0).get("kind").asText(), wa.toString());
        assertEquals(1, wa.code(), wa.toString());
        Runs b24 = run("bitrix24", "requests", "chat:501", "approve", "--all", "--simulator", "--json");
        assertEquals("UNSUPPORTED", b24.json().get(0).get("kind").asText(), b24.toString());
    }

    @Test
    void aMalformedCommandIsAUsageError() {
        for (List<String> args : List.<List<String>>of(List.of("channel:7001", "approve"), List.of("channel:7001", "--all"),
                List.of("channel:7001", "maybe", "@erin"), List.of("channel:7001", "approve", "@erin", "--all"),
                List.of())) {
            String[] line = java.util.stream.Stream.concat(java.util.stream.Stream.of("telegram", "requests"),
                    java.util.stream.Stream.concat(args.stream(), java.util.stream.Stream.of("--simulator"))).toArray(String[]::new);
            Runs r = run(line);
            assertEquals(ExitCodes.USAGE, r.code(), () -> args + ": " + r);
        }
    }
}
