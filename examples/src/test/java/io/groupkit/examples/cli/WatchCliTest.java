package io.groupkit.examples.cli;

import static io.groupkit.examples.cli.Runs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupkit.core.Cancellation;
import io.groupkit.core.time.TimeSource;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code groupkit greenapi watch} and {@code invitations} against a Green-API simulator that runs
 * as {@code groupkit simulator start} would (real time), whose groups the test changes as people
 * would: joins and leaves scripted on the simulator, the CLI's output read line by line.
 */
class WatchCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "120363000000000102@g.us";
    private static final String ANNA = "79001110001@c.us";
    private static final String BORIS = "79001110002@c.us";
    private static final String CLARA = "79001110003@c.us";
    private static final String DAN = "79001110004@c.us";

    @TempDir
    Path dir;

    private GreenApiSimulator sim;
    private GreenApiSimulator.Instance phone;
    private Map<String, String> env;

    @BeforeEach
    void aRunningSimulator() throws Exception {
        // Rates not enforced: each command is a new client with a budget of its own, as separate processes are.
        sim = GreenApiSimulator.start(TimeSource.system(), GreenApiSimulator.Rates.IGNORED);
        phone = sim.instance("1101000001", "simulator-token").group(GROUP, ANNA, BORIS);
        phone.contacts("79001110001", "79001110002", "79001110003", "79001110004", "79001110005");
        Path state = dir.resolve("simulator");
        Files.createDirectories(state);
        Files.writeString(state.resolve(SharedSimulator.STATE), JSON.writeValueAsString(Map.of("pid",
                ProcessHandle.current().pid(), "world", "test", "greenapi", Map.of("url", sim.url(), "instance", "1101000001",
                        "token", "simulator-token"))));
        env = Map.of("GROUPKIT_SIMULATOR_DIR", state.toString());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aScriptedJoinAndLeaveArePrintedOnceEach() throws Exception {
        Watching w = watch("greenapi", "watch", GROUP, "--simulator", "--interval", "100ms");
        w.await(w.err.when("changes from now on are printed", 1)); // the baseline: nothing printed for it
        phone.joins(GROUP, CLARA).leaves(GROUP, BORIS);
        w.await(w.out.when("\n", 2));
        phone.joins(GROUP, DAN); // a later listing, which must not repeat the first two
        w.await(w.out.when(masked(DAN), 1));
        assertEquals(0, w.stop(), w.toString());
        List<String> lines = w.out.text().lines().toList();
        assertEquals(3, lines.size(), w.toString());
        assertTrue(lines.get(0).startsWith("JOINED") && lines.get(0).contains(masked(CLARA)) || lines.get(1).startsWith("JOINED")
                && lines.get(1).contains(masked(CLARA)), w.toString());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("LEFT") && l.contains(masked(BORIS))).count(), w.toString());
        assertTrue(lines.get(2).startsWith("JOINED") && lines.get(2).contains(masked(DAN)) && lines.get(2).contains(GROUP)
                && lines.get(2).contains("seen by listing"), w.toString());
        assertFalse(w.out.text().contains("9001110003"), "phone numbers are masked");
        assertTrue(w.err.text().contains("without --state nothing is kept"), w.toString());
    }

    @Test
    void jsonLinesParseAndAWatchResumedFromItsStateDoesNotRepeatAnEvent() throws Exception {
        String state = dir.resolve("watch-state").toString();
        Watching first = watch("greenapi", "watch", GROUP, "--simulator", "--json", "--state", state, "--interval", "1s");
        first.await(first.err.when("changes from now on are printed", 1));
        phone.joins(GROUP, CLARA);
        first.await(first.out.when("\n", 1));
        assertEquals(0, first.stop(), first.toString()); // Ctrl-C
        JsonNode joined = JSON.readTree(first.out.text().lines().findFirst().orElseThrow());
        assertEquals("JOINED", joined.get("kind").asText());
        assertEquals(GROUP, joined.get("group").asText());
        assertTrue(joined.get("member").asText().contains(masked(CLARA)), joined.toString());
        assertEquals("OBSERVED", joined.get("source").asText());
        assertEquals("UNKNOWN", joined.get("how").asText());
        assertFalse(joined.get("byInvitation").asBoolean());
        assertFalse(joined.get("id").asText().isBlank());
        assertTrue(joined.get("from").asText().compareTo(joined.get("to").asText()) <= 0, joined.toString());

        phone.leaves(GROUP, ANNA); // while nobody watches
        Watching again = watch("greenapi", "watch", GROUP, "--simulator", "--json", "--state", state, "--interval", "1s");
        again.await(again.out.when("\n", 1));
        assertEquals(0, again.stop(), again.toString());
        List<JsonNode> events = again.json();
        assertEquals(1, events.size(), again.toString());
        assertEquals("LEFT", events.get(0).get("kind").asText());
        assertTrue(events.get(0).get("member").asText().contains(masked(ANNA)), events.toString());
        assertTrue(!events.get(0).get("id").asText().equals(joined.get("id").asText()));
        assertTrue(again.err.text().contains("resumes where this one stops"), again.toString());
    }

    @Test
    void aLinkSentToARefusedPersonIsAnInvitationAndTheirJoinIsAttributed() throws Exception {
        String state = dir.resolve("state").toString();
        phone.refusing("79001110003").refusing("79001110005");
        Runs clara = run(env, "greenapi", "add", GROUP, "+79001110003", "--simulator", "--invite-link", "send",
                "--state", state);
        assertEquals(1, clara.code(), clara.toString());
        assertTrue(clara.out().contains("invite link: "), clara.toString());
        Runs eve = run(env, "greenapi", "add", GROUP, "+79001110005", "--simulator", "--invite-link", "send", "--state", state);
        assertEquals(1, eve.code(), eve.toString());
        Runs before = run(env, "greenapi", "invitations", GROUP, "--simulator", "--state", state);
        assertTrue(before.out().startsWith("2 invitations to " + GROUP + ": 0 joined, 2 pending"), before.toString() + clara);

        Watching w = watch("greenapi", "watch", GROUP, "--simulator", "--state", state, "--interval", "1s");
        w.await(w.err.when("changes from now on are printed", 1));
        phone.joins(GROUP, CLARA); // by the link she was sent
        w.await(w.out.when("\n", 1));
        assertEquals(0, w.stop(), w.toString());
        assertTrue(w.out.text().contains("joined by invitation after "), w.toString());

        Runs invitations = run(env, "greenapi", "invitations", GROUP, "--simulator", "--state", state);
        assertEquals(0, invitations.code(), invitations.toString());
        assertTrue(invitations.out().startsWith("2 invitations to " + GROUP + ": 1 joined, 1 pending, 0 expired"),
                invitations.toString());
        assertTrue(invitations.out().contains(masked(CLARA)), invitations.toString());
        assertFalse(invitations.out().contains("9001110003"), invitations.toString());
        Runs json = run(env, "greenapi", "invitations", GROUP, "--simulator", "--state", state, "--json");
        JsonNode summary = json.summary();
        assertEquals(1, summary.get("summary").get("JOINED").asInt(), json.toString());
        assertEquals(1, summary.get("summary").get("PENDING").asInt(), json.toString());
        assertEquals(2, summary.get("total").asInt());
        assertEquals("SENT", json.json().get(0).get("delivery").asText(), json.toString());
    }

    @Test
    void messyInputGetsAClearErrorAndItsExitCode() throws Exception {
        Runs noGroup = run(env, "greenapi", "watch", "--simulator");
        assertEquals(2, noGroup.code());
        assertTrue(noGroup.err().contains("'watch' takes <group>..."), noGroup.err());
        assertEquals(2, run(env, "greenapi", "watch", "not-a-group", "--simulator").code());
        Runs interval = run(env, "greenapi", "watch", GROUP, "--simulator", "--interval", "soon");
        assertEquals(2, interval.code());
        assertTrue(interval.err().contains("--interval needs a time such as 30s"), interval.err());
        assertEquals(2, run(env, "greenapi", "members", GROUP, "--simulator", "--interval", "5s").code(),
                "--interval is for watch only");
        Runs embedded = run(Map.of("GROUPKIT_SIMULATOR_DIR", dir.resolve("none").toString()), "greenapi", "watch", GROUP,
                "--simulator");
        assertEquals(2, embedded.code());
        assertTrue(embedded.err().contains("groupkit simulator start"), embedded.err());
        Runs noState = run(env, "greenapi", "invitations", GROUP, "--simulator");
        assertEquals(2, noState.code());
        Path typo = dir.resolve("no-such-state");
        Runs missingState = run(env, "greenapi", "invitations", GROUP, "--simulator", "--state", typo.toString());
        assertEquals(2, missingState.code(), "a state directory that does not exist is a typo, not zero invitations");
        assertTrue(missingState.err().contains("does not exist"), missingState.err());
        assertFalse(java.nio.file.Files.exists(typo), "and is not created");
        assertTrue(noState.err().contains("--state DIR"), noState.err());
        Runs stateAlone = run(env, "greenapi", "add", GROUP, "+79001110003", "--simulator", "--state", dir.toString());
        assertEquals(2, stateAlone.code());
        assertTrue(stateAlone.err().contains("--invite-link"), stateAlone.err());
        assertEquals(2, run(env, "greenapi", "add", GROUP, "+79001110003", "--simulator", "--invite-link", "maybe").code());
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Runs stateFile = run(env, "greenapi", "watch", GROUP, "--simulator", "--state", file.toString());
        assertEquals(2, stateFile.code());
        assertTrue(stateFile.err().contains("give a directory"), stateFile.err());

        Watching unknown = watch("greenapi", "watch", "120363000000000999@g.us", "--simulator");
        unknown.await(unknown.done.thenAccept(code -> { }));
        assertEquals(1, unknown.done.join(), unknown.toString());
        assertTrue(unknown.err.text().contains("120363000000000999@g.us: the provider says there is no such group"),
                unknown.toString());
        assertEquals("", unknown.out.text());
    }

    /** The part of a person's masked form that both a phone and a chat id show: 79*******03. */
    private static String masked(String chatId) {
        return io.groupkit.core.Redaction.maskPhone(chatId.substring(0, chatId.indexOf('@')));
    }

    private Watching watch(String... args) {
        Lines out = new Lines();
        Lines err = new Lines();
        Cancellation ctrlC = new Cancellation();
        CompletableFuture<Integer> done = CompletableFuture.supplyAsync(() -> Cli.run(args, env,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), ctrlC,
                p -> { }, false), r -> new Thread(r, "groupkit-cli-under-test").start());
        return new Watching(out, err, ctrlC, done);
    }

    /** A watch running in the background, and what it printed so far. */
    private record Watching(Lines out, Lines err, Cancellation ctrlC, CompletableFuture<Integer> done) {
        /** Waits for the output (a bound against a hang, not a timing), saying what was printed if it never comes. */
        void await(CompletableFuture<Void> printed) throws Exception {
            try {
                printed.get(30, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                ctrlC.cancel();
                throw new AssertionError("not printed within 30 s:\n" + this, e);
            }
        }

        int stop() throws Exception {
            ctrlC.cancel();
            return done.get(30, TimeUnit.SECONDS);
        }

        List<JsonNode> json() throws Exception {
            List<JsonNode> all = new ArrayList<>();
            for (String l : out.text().lines().toList()) {
                all.add(JSON.readTree(l));
            }
            return all;
        }

        @Override
        public String toString() {
            return "--- out\n" + out.text() + "--- err\n" + err.text();
        }
    }

    /** Output that says when some text has been printed a number of times. */
    private static final class Lines extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final List<Object[]> waits = new ArrayList<>();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            if (b == '\n') {
                check();
            }
        }

        synchronized CompletableFuture<Void> when(String text, int times) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            waits.add(new Object[] {text, times, f});
            check();
            return f;
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        @SuppressWarnings("unchecked")
        private void check() {
            String s = text();
            waits.removeIf(w -> {
                int n = s.split(java.util.regex.Pattern.quote((String) w[0]), -1).length - 1;
                if (n >= (Integer) w[1]) {
                    ((CompletableFuture<Void>) w[2]).complete(null);
                    return true;
                }
                return false;
            });
        }
    }
}
