package io.groupkit.examples.cli;

import static io.groupkit.examples.cli.Runs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.core.Cancellation;
import io.groupkit.core.Member;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.QuotaExceeded;
import io.groupkit.core.SpamLimited;
import io.groupkit.core.Unauthorized;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, in process, against the simulators: output parsed, exit codes checked. */
class CliTest {
    /** A group of the simulators' built-in world (default-world.json) where the account is an admin. */
    private static final String SUPPORT = "120363000000000102@g.us";

    @TempDir
    Path dir;

    @Test
    void helpListsEveryProviderCommandAndExitCode() {
        Runs r = run("--help");
        assertEquals(0, r.code());
        for (String s : List.of("greenapi", "bitrix24", "telegram", "bulk-add", "invite-link", "GREEN_API_TOKEN",
                "B24_WEBHOOK", "TELEGRAM_SESSION", "130 interrupted")) {
            assertTrue(r.out().contains(s), s);
        }
        Runs command = run("telegram", "bulk-add", "--help");
        assertEquals(0, command.code());
        assertTrue(command.out().startsWith("Usage: groupkit telegram bulk-add <group> <file.csv>"), command.out());
        assertTrue(command.out().contains("Ctrl-C"));
        assertEquals(2, run().code(), "no arguments is a usage error, with the help");
    }

    @Test
    void badUsageIsOneLineThatSaysWhatToDo() {
        Runs provider = run("whatsapp", "add", "x", "y");
        assertEquals(2, provider.code());
        assertTrue(provider.err().startsWith("groupkit: unknown provider 'whatsapp': expected one of greenapi, bitrix24, telegram"),
                provider.err());
        assertEquals(2, run("telegram", "kick", "chat:1", "@alice").code());
        assertEquals(2, run("telegram", "add", "chat:1").code(), "a missing person");
        assertTrue(run("telegram", "add", "chat:1").err().contains("takes <group> <person>"));
        assertEquals(2, run("telegram", "add", "chat:1", "@alice", "--verbose").code());
        Runs group = run("greenapi", "add", "not-a-group", "+79001234568", "--simulator");
        assertEquals(2, group.code());
        assertTrue(group.err().contains("120363043968066561@g.us"), group.err());
        Runs phone = run("greenapi", "add", "120363043968066561@g.us", "+7 900", "--simulator");
        assertEquals(2, phone.code());
        assertTrue(phone.err().contains("expected"), phone.err());
        assertEquals(2, run("bitrix24", "add", "deal:42", "@alice", "--simulator").code());
        assertEquals(2, run("telegram", "add", "channel:-100123:5", "@alice", "--simulator").code());
    }

    @Test
    void missingCredentialsExitThreeAndNameTheKeys() {
        Runs r = run("telegram", "add", "chat:5001", "@alice");
        assertEquals(3, r.code());
        assertTrue(r.err().contains("missing TELEGRAM_SESSION, TELEGRAM_API_ID"), r.err());
        assertTrue(r.err().contains("--simulator"), r.err());
        Runs partial = run(Map.of("GREEN_API_URL", "https://7103.api.greenapi.com"), "greenapi", "check");
        assertEquals(3, partial.code());
        assertTrue(partial.err().contains("missing GREEN_API_INSTANCE, GREEN_API_TOKEN"), partial.err());
    }

    @Test
    void aMalformedSessionIsACredentialProblemThatDoesNotEchoIt() {
        String secretish = "1AAAAbogusSessionStringThatMustNotBeEchoed";
        Runs r = run(Map.of("TELEGRAM_SESSION", secretish, "TELEGRAM_API_ID", "12345"), "telegram", "check");
        assertEquals(3, r.code(), "every credential problem exits 3, malformed ones too");
        assertTrue(r.err().startsWith("groupkit: TELEGRAM_SESSION: expected"), r.err());
        assertFalse(r.err().contains("bogusSession"), r.err());
    }

    @Test
    void eachProviderAddsOnItsSimulator() {
        Runs wa = run("greenapi", "add", SUPPORT, "+7 900 123-45-68", "--simulator");
        assertEquals(0, wa.code(), wa.err());
        assertTrue(wa.out().startsWith("ADDED"), wa.out());
        assertFalse(wa.out().contains("9001234568"), "the phone is masked");
        Runs b24 = run("bitrix24", "add", "chat:501", "7", "--simulator");
        assertEquals(0, b24.code(), b24.err());
        assertTrue(b24.out().startsWith("ADDED") && b24.out().contains("id 7"), b24.out());
        Runs tg = run("telegram", "add", "channel:7001:0", "@alice", "--simulator", "--json");
        assertEquals(0, tg.code(), tg.err());
        JsonNode added = tg.json().get(0);
        assertEquals("ADDED", added.get("kind").asText());
        assertEquals("telegram", added.get("provider").asText());
        assertEquals("@alice", added.get("person").asText());
    }

    @Test
    void otherCommandsOnTheSimulators() {
        Runs remove = run("telegram", "remove", "chat:5001", "@alice", "--simulator");
        assertEquals(0, remove.code(), "alice was never in it, which is what a removal wants");
        assertTrue(remove.out().startsWith("NOT_MEMBER"), remove.out());
        Runs link = run("telegram", "invite-link", "channel:7001", "--simulator", "--json");
        assertEquals(0, link.code(), link.err());
        assertTrue(link.json().get(0).get("url").asText().startsWith("https://t.me/+"), link.out());
        Runs personal = run("telegram", "invite-link", "channel:7001", "@alice", "--simulator", "--json");
        assertEquals(0, personal.code(), personal.err());
        assertEquals(1, personal.json().get(0).get("usageLimit").asInt(), "a link of alice's own: one use");
        // --state records the person's link as their invitation (a first user found it recorded nothing).
        String state = dir.resolve("links-state").toString();
        assertEquals(0, run("telegram", "invite-link", "channel:7001", "@alice", "--simulator", "--state", state).code());
        Runs recorded = run("telegram", "invitations", "channel:7001", "--simulator", "--state", state);
        assertEquals(0, recorded.code(), recorded.toString());
        assertTrue(recorded.out().startsWith("1 invitation"), recorded.toString());
        assertEquals(2, run("telegram", "invite-link", "channel:7001", "@alice", "@bob", "--simulator").code());
        Runs noLinks = run("bitrix24", "invite-link", "chat:501", "--simulator");
        assertEquals(1, noLinks.code());
        assertTrue(noLinks.out().startsWith("UNSUPPORTED"), noLinks.out());
        Runs members = run("greenapi", "members", SUPPORT, "--simulator");
        assertEquals(0, members.code(), members.err());
        assertTrue(members.out().startsWith("1 member\n"), members.out());
        assertEquals(0, run("telegram", "check", "--simulator").code());
        assertEquals(0, run("greenapi", "check", "--simulator").code());
        Runs b24check = run("bitrix24", "check", "--simulator");
        assertEquals(1, b24check.code());
        assertTrue(b24check.out().contains("groupkit bitrix24 check chat:501"), b24check.out());
        assertEquals(0, run("bitrix24", "check", "chat:501", "--simulator").code());
    }

    @Test
    void aConfigFileTakesExportAndQuotesAndNamesTheBadLine() throws IOException {
        try (GreenApiSimulator wa = GreenApiSimulator.start()) {
            wa.instance("1101000001", "t0k3nSecret");
            Path config = dir.resolve("shell.env");
            Files.writeString(config, "# written for a shell\nexport GREEN_API_URL=\"" + wa.url() + "\"\n"
                    + "GREEN_API_INSTANCE='1101000001'\nexport GREEN_API_TOKEN=t0k3nSecret   # the console's token\n\n");
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
            Runs ok = run("greenapi", "check", "--config", config.toString());
            assertEquals(0, ok.code(), ok.out() + ok.err());
            Files.writeString(config, "export GREEN_API_URL=https://7103.api.greenapi.com\nthis line is not a setting t0k3nSecret\n");
            Runs bad = run("greenapi", "check", "--config", config.toString());
            assertEquals(3, bad.code());
            assertTrue(bad.err().contains(config + " line 2: expected KEY=value"), bad.err());
            assertFalse(bad.err().contains("t0k3nSecret"), "the bad line is named, not shown");
            Files.writeString(config, "GREEN_API_TOKEN=\"unclosed\n");
            Runs quote = run("greenapi", "check", "--config", config.toString());
            assertEquals(3, quote.code());
            assertTrue(quote.err().contains("line 1: the value's double quote is not closed"), quote.err());
        }
    }

    @Test
    void aConnectionFailureNamesTheHostAndTheReason() throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // nothing listens here once it is closed
        }
        Runs r = run(Map.of("GREEN_API_URL", "http://127.0.0.1:" + closed, "GREEN_API_INSTANCE", "1101000001",
                "GREEN_API_TOKEN", "t0k3nSecret"), "greenapi", "check");
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("connection to 127.0.0.1:" + closed + " refused"), r.out());
        assertFalse(r.out().contains("t0k3nSecret"));
    }

    @Test
    void versionAndMaskedListings() {
        Runs version = run("--version");
        assertEquals(0, version.code());
        assertTrue(version.out().matches("groupkit \\d+\\.\\d+\\.\\d+.*\\n"), version.out());
        Runs masked = run("greenapi", "members", SUPPORT, "--simulator", "--json");
        String id = masked.json().get(0).get("members").get(0).get("id").asText();
        assertTrue(id.contains("*") && id.endsWith("@c.us"), "numbers masked by default: " + id);
        Runs shown = run("greenapi", "members", SUPPORT, "--simulator", "--show-numbers");
        assertTrue(shown.out().contains("79990000000@c.us"), shown.out());
        Runs person = run("greenapi", "add", SUPPORT, "+7 900 123-45-68", "--simulator", "--show-numbers");
        assertTrue(person.out().contains("+79001234568"), person.out());
    }

    @Test
    void remediesAreInTheWordsOfThisCommandLine() {
        Printer p = new Printer(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, false,
                "telegram");
        io.groupkit.core.MemberBanned banned = new io.groupkit.core.MemberBanned(ProviderDetail.of("telegram", "USER_KICKED")
                .withRemedy("Lift the ban first (remove() does ban and unban), or send them the invite link."));
        assertEquals("Lift the ban first (groupkit telegram remove bans, then lifts the ban), or send them the invite link.",
                p.remedy(banned));
        io.groupkit.core.RateLimited limited = new io.groupkit.core.RateLimited(ProviderDetail.of("telegram", "FLOOD_WAIT_600"),
                java.time.Duration.ofMinutes(10));
        assertFalse(p.remedy(limited).contains("retryAfter"), p.remedy(limited));
    }

    @Test
    void progressIsRedrawnInPlaceOnATerminalAndSaysWhenTimeIsSimulated() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBar(err, true, true);
        bar.accept(new io.groupkit.core.BulkProgress(1, 10, Map.of(), java.time.Duration.ofSeconds(100)));
        bar.accept(new io.groupkit.core.BulkProgress(2, 10, Map.of(), java.time.Duration.ofSeconds(1)));
        bar.endLine();
        String drawn = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, drawn.split("\r", -1).length - 1, "each redraw starts at the line's start: " + drawn);
        assertEquals(2, drawn.split("\u001b\\[K", -1).length - 1, "and clears what the longer old line left");
        assertTrue(drawn.contains("(simulated time)"), drawn);
        assertTrue(drawn.endsWith("\n"), "the line is ended before anything else is printed");
    }

    /** A loopback server that accepts connections and never answers. */
    /**
     * Answers the instance state (authorized) and nothing else: every other request waits for ever.
     * The state is answered so that the calls get past it to the requests the test waits on.
     */
    private static final class SilentServer implements AutoCloseable {
        final java.net.ServerSocket socket;
        final List<java.net.Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> unanswered = new java.util.concurrent.CopyOnWriteArrayList<>();

        SilentServer() throws IOException {
            socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        java.net.Socket s = socket.accept();
                        accepted.add(s);
                        Thread reader = new Thread(() -> serve(s), "silent-server-connection");
                        reader.setDaemon(true);
                        reader.start();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-server");
            t.setDaemon(true);
            t.start();
        }

        private void serve(java.net.Socket s) {
            try {
                java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.startsWith("GET ") && !line.startsWith("POST ")) {
                        continue;
                    }
                    if (!line.contains("getStateInstance")) {
                        unanswered.add(line);
                        return; // silent from here on
                    }
                    while ((line = in.readLine()) != null && !line.isEmpty()) {
                        // the headers of a GET
                    }
                    byte[] body = "{\"stateInstance\":\"authorized\"}".getBytes(StandardCharsets.UTF_8);
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                            + body.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().write(body);
                    s.getOutputStream().flush();
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        Map<String, String> env() {
            return Map.of("GREEN_API_URL", "http://127.0.0.1:" + socket.getLocalPort(), "GREEN_API_INSTANCE", "1101000001",
                    "GREEN_API_TOKEN", "t0k3nSecret");
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (java.net.Socket s : accepted) {
                s.close();
            }
        }
    }

    /**
     * Runs a command and presses Ctrl-C once {@code underWay} holds (polled, at most 10 s) and at
     * least {@code atLeastMillis} have passed: the CLI's own notes are on real time.
     */
    private static Runs runThenInterrupt(Map<String, String> env, java.util.function.BooleanSupplier underWay,
                                        long atLeastMillis, String... args) throws Exception {
        Cancellation cancel = new Cancellation();
        long started = System.nanoTime();
        java.util.concurrent.CompletableFuture<Runs> run = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> run(env, cancel, p -> { }, args));
        long deadline = started + 10_000_000_000L;
        while (!underWay.getAsBoolean() || System.nanoTime() - started < atLeastMillis * 1_000_000) {
            assertTrue(System.nanoTime() < deadline, "the command never got under way");
            assertFalse(run.isDone(), () -> "the command ended before Ctrl-C: " + run.join().out() + run.join().err());
            Thread.sleep(10);
        }
        long before = System.nanoTime();
        cancel.cancel();
        Runs r = run.get(10, java.util.concurrent.TimeUnit.SECONDS);
        long tookMillis = (System.nanoTime() - before) / 1_000_000;
        assertTrue(tookMillis < 2_000, "answered " + tookMillis + " ms after Ctrl-C");
        return r;
    }

    @Test
    void ctrlCDuringABulkRunAgainstASilentServerReportsAtOnce() throws Exception {
        Path csv = dir.resolve("team.csv");
        Files.write(csv, List.of("+79001234561", "+79001234562", "+79001234563", "+79001234564", "+79001234565",
                "+79001234566"), StandardCharsets.UTF_8);
        try (SilentServer silent = new SilentServer()) {
            // Four workers under way, all behind the one look-up of the group they share, which the server
            // never answers (concurrent first calls share their look-ups: one request, not one per person).
            Runs r = runThenInterrupt(silent.env(), () -> silent.unanswered.size() >= 1, 500,
                    "greenapi", "bulk-add", "120363043968066561@g.us", csv.toString());
            assertEquals(130, r.code(), r.out() + r.err());
            assertTrue(r.out().contains("Not known: 4 people were under way"), r.out());
            assertTrue(r.out().contains("2 people not attempted, from line 5 on"), r.out());
            Runs json = runThenInterrupt(silent.env(), () -> silent.unanswered.size() >= 2, 500,
                    "greenapi", "bulk-add", "120363043968066561@g.us", csv.toString(), "--json");
            JsonNode summary = json.json().get(json.json().size() - 1);
            assertTrue(summary.get("interrupted").asBoolean());
            assertEquals(5, summary.get("resume").get("fromLine").asInt());
            assertEquals(4, summary.get("resume").get("notKnown").asInt());
            assertEquals(List.of(1, 2, 3, 4), java.util.stream.StreamSupport.stream(
                    summary.get("resume").get("notKnownLines").spliterator(), false).map(JsonNode::asInt).toList());
        }
    }

    @Test
    void aSingleCallToASilentServerSaysSoAndCtrlCAnswersAtOnce() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            // The note comes after 5 s of silence, on real time.
            Runs r = runThenInterrupt(silent.env(), () -> silent.accepted.size() >= 1, 5_600,
                    "greenapi", "add", "120363043968066561@g.us", "+79001234568");
            assertEquals(130, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("(still waiting for 127.0.0.1:" + silent.socket.getLocalPort() + " after 5 s"),
                    r.err());
            assertTrue(r.err().contains("Interrupted: the add of 79*******68 was under way; whether it took effect is not known."),
                    r.err());
            assertTrue(r.err().contains("Check with: groupkit greenapi members 120363043968066561@g.us"), r.err());
            assertFalse(r.err().contains("t0k3nSecret"));
        }
    }

    @Test
    void groupsListsTheAccountsGroupsByTitleAndFiltersThem() {
        Runs all = run("greenapi", "groups", "--simulator");
        assertEquals(0, all.code(), all.err());
        List<String> lines = all.out().lines().toList();
        assertEquals("4 groups", lines.get(0));
        assertTrue(lines.get(1).contains("Accounting") && lines.get(2).contains("Customers") && lines.get(3).contains("Sales team")
                && lines.get(4).contains("Support"), "sorted by title: " + all.out());
        Runs filtered = run("greenapi", "groups", "SUP", "--simulator");
        assertTrue(filtered.out().startsWith("1 group with \"SUP\" in the title, of 4"), filtered.out());
        assertTrue(filtered.out().contains("120363000000000102@g.us"), "the id the other commands take: " + filtered.out());
        Runs details = run("greenapi", "groups", "--details", "--simulator");
        assertTrue(details.out().contains("cannot add") && details.out().contains("can add"), details.out());
        Runs chats = run("bitrix24", "groups", "--simulator", "--json");
        assertEquals(0, chats.code(), chats.err());
        List<JsonNode> objects = chats.json();
        assertEquals("chat:501", objects.get(0).get("group").asText(), "written as bitrix24 add takes it: " + chats.out());
        assertEquals("YES", objects.get(0).get("canAdd").asText());
        assertEquals("NO", objects.get(1).get("canAdd").asText(), "the bot is a plain member of Support");
        assertEquals(2, objects.get(2).get("summary").get("groups").asInt());
        Runs paste = run("bitrix24", "add", objects.get(0).get("group").asText(), "7", "--simulator");
        assertEquals(0, paste.code(), "a listed group works with the other commands: " + paste.out() + paste.err());
        Runs telegram = run("telegram", "groups", "--simulator");
        assertEquals(0, telegram.code(), telegram.out() + telegram.err());
        assertTrue(telegram.out().startsWith("2 groups"), "no channel, no private chat: " + telegram.out());
        assertTrue(telegram.out().contains("chat:5001") && telegram.out().contains("channel:7001:"), telegram.out());
        assertEquals(2, run("greenapi", "groups", "a", "b", "--simulator").code(), "one filter at most");
    }

    @Test
    void bulkAddReadsACsvShowsProgressAndSummarises() throws IOException {
        Path csv = dir.resolve("people.csv");
        List<String> lines = new ArrayList<>(List.of("\uFEFFphone,name", "# the team", ""));
        IntStream.range(0, 30).forEach(i -> lines.add(String.format("\"+7 901 000-00-%02d\",Person %d", i, i)));
        Files.write(csv, lines, StandardCharsets.UTF_8);
        Runs r = run("greenapi", "bulk-add", SUPPORT, csv.toString(), "--simulator");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("ADDED                   30"), r.out());
        assertTrue(r.err().contains("30/30"), r.err());
        assertTrue(r.err().lines().filter(l -> l.startsWith("[")).count() >= 10, "a progress line per tenth: " + r.err());
        Runs json = run("greenapi", "bulk-add", SUPPORT, csv.toString(), "--simulator", "--json");
        List<JsonNode> objects = json.json();
        assertEquals(31, objects.size(), "one object per person, then the summary");
        assertEquals(4, objects.get(0).get("line").asInt(), "line numbers count the header, comment and blank line");
        assertEquals(30, objects.get(30).get("summary").get("ADDED").asInt());
    }

    @Test
    void aPersonOnTwoLinesIsSentOnceAndCountedAsADuplicate() throws IOException {
        Path csv = dir.resolve("people.csv");
        Files.write(csv, List.of("phone", "+7 901 000-00-01", "+7 901 000-00-02", "79010000001", "+7 (901) 000 00 02",
                "+7 901 000-00-03"), StandardCharsets.UTF_8);
        Runs r = run("greenapi", "bulk-add", SUPPORT, csv.toString(), "--simulator");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("ADDED                    3"), r.out());
        assertTrue(r.out().contains("DUPLICATE                2  (sent once; lines 4 = 2, 5 = 3)"), r.out());
        Runs json = run("greenapi", "bulk-add", SUPPORT, csv.toString(), "--simulator", "--json");
        JsonNode summary = json.json().get(json.json().size() - 1);
        assertEquals(2, summary.get("duplicates").asInt(), json.out());
        assertEquals(5, summary.get("total").asInt());
        assertEquals(2, json.json().stream().filter(o -> o.has("duplicateOfLine")).count());
    }

    @Test
    void nationalNumbersNeedTheirRegionAndThenReadAsTheSamePerson() throws IOException {
        Runs without = run("greenapi", "add", SUPPORT, "8 (900) 123-45-67", "--simulator");
        assertEquals(2, without.code(), without.out() + without.err());
        assertTrue(without.err().contains("needs its region: --region RU"), "the CLI's own option: " + without.err());
        Runs json = run("greenapi", "add", SUPPORT, "8 (900) 123-45-67", "--simulator", "--json");
        assertEquals(2, json.code());
        assertEquals("USAGE", json.summary().get("error").asText(), "a script gets the refusal as JSON: " + json.out());
        assertTrue(json.summary().get("message").asText().contains("--region RU"), json.out());
        assertFalse(without.err().contains("9001234567"), "the number is not repeated: " + without.err());
        Runs with = run("greenapi", "add", SUPPORT, "8 (900) 123-45-67", "--simulator", "--region", "ru",
                "--json", "--show-numbers");
        assertEquals(0, with.code(), with.out() + with.err());
        assertTrue(with.out().contains("79001234567"), "read as +7 900 123-45-67: " + with.out());
        Runs env = run(Map.of("GROUPKIT_REGION", "RU"), "greenapi", "add", SUPPORT, "8 900 123 45 67",
                "--simulator");
        assertEquals(0, env.code(), env.out() + env.err());
        Path csv = dir.resolve("national.csv");
        Files.write(csv, List.of("8 (900) 123-45-67", "+7 900 123-45-67", "8 901 000 00 05"), StandardCharsets.UTF_8);
        Runs bulk = run("greenapi", "bulk-add", SUPPORT, csv.toString(), "--simulator", "--region", "RU");
        assertEquals(0, bulk.code(), bulk.out() + bulk.err());
        assertTrue(bulk.out().contains("DUPLICATE                1"), "the national and the international line are one person: "
                + bulk.out());
        assertEquals(2, run("greenapi", "add", SUPPORT, "8 900 123 45 67", "--region", "Russia",
                "--simulator").code());
        Runs tg = run("telegram", "add", "chat:5001", "8 (900) 123-45-67", "--simulator", "--region", "RU", "--json");
        assertTrue(tg.out().contains("\"person\""), "read as a phone, not a user id: " + tg.out() + tg.err());
    }

    @Test
    void aBadLineStopsTheBulkAddBeforeAnythingIsSent() throws IOException {
        Path csv = dir.resolve("people.csv");
        List<String> lines = IntStream.range(0, 20).mapToObj(i -> String.format("+7 901 000-00-%02d", i))
                .collect(Collectors.toCollection(ArrayList::new));
        lines.set(16, "+7 901 0O0-00-16");
        Files.write(csv, lines, StandardCharsets.UTF_8);
        Runs r = run("greenapi", "bulk-add", SUPPORT, csv.toString(), "--simulator");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("1 line(s) that are not a person; nothing was sent"), r.err());
        assertTrue(r.err().contains("line 17: "), r.err());
        assertFalse(r.err().contains("simulator"), "no client was started: " + r.err());
        assertEquals(2, run("greenapi", "bulk-add", SUPPORT, dir.resolve("none.csv").toString(),
                "--simulator").code());
    }

    private Path fortyMembers() throws IOException {
        Path csv = dir.resolve("people.csv");
        Files.write(csv, IntStream.range(0, 40).mapToObj(i -> "@member_" + i).toList(), StandardCharsets.UTF_8);
        return csv;
    }

    /** A command with Ctrl-C pressed once five outcomes are in. */
    private static Runs interruptedAfterFive(String... args) {
        Cancellation cancel = new Cancellation();
        return run(Map.of(), cancel, p -> {
            if (p.done() == 5) {
                cancel.cancel(); // what Ctrl-C does
            }
        }, args);
    }

    @Test
    void anInterruptedBulkAddReportsWhatWasDoneAndWhereToResume() throws IOException {
        Path csv = fortyMembers();
        Runs r = interruptedAfterFive("telegram", "bulk-add", "chat:5001", csv.toString(), "--simulator");
        assertEquals(130, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("ADDED                    5"), r.out());
        assertTrue(r.out().contains("Interrupted: 35 people not attempted, from line 6 on"), r.out());
    }

    @Test
    void aJournaledBulkAddRunAgainGoesOnWhereItStopped() throws IOException {
        Path csv = fortyMembers();
        Path journal = dir.resolve("people.journal");
        Runs first = interruptedAfterFive("telegram", "bulk-add", "chat:5001", csv.toString(), "--simulator", "--journal",
                journal.toString());
        assertEquals(130, first.code(), first.out() + first.err());
        assertTrue(first.out().contains("Interrupted: 35 people not attempted; run the same command again to go on"),
                first.out());
        assertTrue(first.out().contains("Journal " + journal + ": 0 skipped (done before), 0 settled"), first.out());

        Runs again = run("telegram", "bulk-add", "chat:5001", csv.toString(), "--simulator", "--journal", journal.toString(),
                "--json");
        assertEquals(0, again.code(), again.out() + again.err());
        JsonNode summary = again.json().get(again.json().size() - 1);
        assertEquals(40, summary.get("summary").get("ADDED").asInt(), summary.toString());
        assertEquals(5, summary.get("journal").get("skipped").asInt(), summary.toString());
        assertEquals(0, summary.get("journal").get("settled").asInt(), summary.toString());
        assertEquals(35, summary.get("journal").get("sent").asInt(), summary.toString());
        Runs third = run("telegram", "bulk-add", "chat:5001", csv.toString(), "--simulator", "--journal", journal.toString());
        assertTrue(third.out().contains("40 skipped (done before), 0 settled (under way before, checked against the group"
                + " first), 0 sent"), third.out());
        assertEquals(2, run("telegram", "add", "chat:5001", "@member_1", "--simulator", "--journal", journal.toString()).code(),
                "--journal is for bulk-add");
    }

    @Test
    void telegramLoginOnTheSimulatorAsksForTheCodeAndThePasswordAndSavesTheSession() throws IOException {
        Path file = dir.resolve("telegram.session");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> asked = new ArrayList<>();
        Keyboard keyboard = new Keyboard() {
            @Override
            public String line(String prompt) {
                asked.add(prompt);
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("app shows the code (\\d+)")
                        .matcher(err.toString(StandardCharsets.UTF_8));
                String code = null;
                while (m.find()) {
                    code = m.group(1);
                }
                return code;
            }

            @Override
            public char[] secret(String prompt) {
                asked.add(prompt);
                return asked.stream().filter(a -> a.startsWith("Two-step")).count() == 1 ? "wrong".toCharArray()
                        : LoginCommand.SIMULATED_PASSWORD.toCharArray();
            }
        };
        int code = Cli.run(new String[] {"telegram", "login", "+15550000000", file.toString(), "--simulator"}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Cancellation(), false, keyboard);
        String said = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, said + err);
        assertTrue(said.contains("Logged in as user 1000 on data centre 2"), said);
        assertEquals(List.of("Login code (sent via app, 5 digits): ", "Two-step verification password (hint: the usual one): ",
                "Two-step verification password (hint: the usual one): "), asked, "asked again after a wrong password");
        String saved = Files.readString(file).strip();
        assertTrue(saved.startsWith("gk1:"));
        assertEquals(java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(file));
        assertFalse(said.contains(saved) || err.toString(StandardCharsets.UTF_8).contains(saved), "the session is not printed");
        assertEquals(1000, io.groupkit.telegram.TelegramSession.parse(saved).userId().orElseThrow());
        assertEquals(2, Cli.run(new String[] {"telegram", "login", "+15550000000", file.toString(), "--simulator"}, Map.of(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                new Cancellation(), false, keyboard), "an existing file is not overwritten");
        assertEquals(2, run("greenapi", "login", "+15550000000", "x").code(), "login is Telegram's");
        assertEquals(3, run("telegram", "login", "+15550000000", dir.resolve("real.session").toString()).code(),
                "no api_id/api_hash: a credential problem, nothing sent");
        Path config = dir.resolve("login.properties");
        Files.writeString(config, "TELEGRAM_API_ID=123456\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        Runs halfConfig = run("telegram", "login", "+15550000000", dir.resolve("real.session").toString(), "--config",
                config.toString());
        assertEquals(3, halfConfig.code());
        assertTrue(halfConfig.err().contains(config.toString()), halfConfig.err());
        Files.writeString(config, "TELEGRAM_API_ID=123456\nTELEGRAM_API_HASH=not-a-hash\n");
        assertEquals(3, run("telegram", "login", "+15550000000", dir.resolve("real.session").toString(), "--config",
                config.toString()).code(), "a malformed api_hash: refused before anything is sent");
    }

    @Test
    void aConfigFileMustBePrivateAndComplete() throws IOException {
        Path config = dir.resolve("groupkit.properties");
        Files.writeString(config, "GREEN_API_URL=https://7103.api.greenapi.com\nGREEN_API_INSTANCE=7103000001\n");
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-r--r--"));
        Runs open = run("greenapi", "check", "--config", config.toString());
        assertEquals(3, open.code());
        assertTrue(open.err().contains("chmod 600 " + config), open.err());
        Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        Runs incomplete = run("greenapi", "check", "--config", config.toString());
        assertEquals(3, incomplete.code());
        assertTrue(incomplete.err().contains("missing GREEN_API_TOKEN") && incomplete.err().contains(config.toString()),
                incomplete.err());
        Files.writeString(config, "GREEN_API_URL=http://example.com\nGREEN_API_INSTANCE=7103000001\nGREEN_API_TOKEN=t0k3n\n");
        Runs insecure = run("greenapi", "check", "--config", config.toString());
        assertEquals(3, insecure.code(), "plain http to a remote host is refused, as a credential problem");
        assertFalse(insecure.err().contains("t0k3n"));
        assertEquals(2, run("greenapi", "check", "--simulator", "--config", config.toString()).code());
    }

    @Test
    void realCredentialsFromTheEnvironmentReachTheProvider() throws Exception {
        try (GreenApiSimulator wa = GreenApiSimulator.start()) {
            wa.instance("1101000001", "envToken123").group("120363043968066561@g.us").contacts("79001234568");
            Map<String, String> env = Map.of("GREEN_API_URL", wa.url(), "GREEN_API_INSTANCE", "1101000001",
                    "GREEN_API_TOKEN", "envToken123");
            Runs check = run(env, "greenapi", "check", "--json");
            assertEquals(0, check.code(), check.err());
            assertEquals("AUTHORIZED", check.json().get(0).get("state").asText());
            assertFalse(check.out().contains("envToken123"));
            Runs wrong = run(Map.of("GREEN_API_URL", wa.url(), "GREEN_API_INSTANCE", "1101000001",
                    "GREEN_API_TOKEN", "wrongToken"), "greenapi", "check");
            assertEquals(3, wrong.code(), wrong.out());
        }
        try (TelegramSimulator tg = TelegramSimulator.start()) {
            tg.basicGroup(5001).user(101, "alice", null);
            Map<String, String> env = Map.of("TELEGRAM_SESSION", tg.sessionString(), "TELEGRAM_API_ID", "12345");
            assertEquals(0, run(env, "telegram", "check").code());
            Runs add = run(env, "telegram", "add", "chat:5001", "@alice");
            assertEquals(0, add.code(), add.out() + add.err());
            assertTrue(tg.members(5001).contains(101L));
            assertFalse((add.out() + add.err()).contains(tg.sessionString().substring(1, 30)));
            // The file `telegram login` writes, named with file: (a moved session is written back to it).
            Path file = Files.createTempDirectory("cli").resolve("telegram.session");
            io.groupkit.telegram.SessionStore.file(file).save(io.groupkit.telegram.TelegramSession.fromTelethon(tg.sessionString()));
            Runs fromFile = run(Map.of("TELEGRAM_SESSION", "file:" + file, "TELEGRAM_API_ID", "12345"), "telegram", "check");
            assertEquals(0, fromFile.code(), fromFile.out() + fromFile.err());
            Runs noFile = run(Map.of("TELEGRAM_SESSION", "file:" + file + ".none", "TELEGRAM_API_ID", "12345"), "telegram", "check");
            assertEquals(3, noFile.code(), "a credential problem: " + noFile.err());
            assertTrue(noFile.err().contains("log in first"), noFile.err());
        }
    }

    @Test
    void exitCodesSayWhatKindOfProblemItWas() {
        ProviderDetail d = ProviderDetail.of("x", "Y");
        assertEquals(3, ExitCodes.of(new Unauthorized(d)));
        assertEquals(4, ExitCodes.of(new SpamLimited(d)));
        assertEquals(4, ExitCodes.of(new QuotaExceeded(d)));
        assertEquals("@alice", Printer.display(Member.username("alice")));
        assertEquals("id 5", Printer.display(Member.userId("5:-77")));
    }
}
