package io.groupkit.examples.cli;

import static io.groupkit.examples.cli.Runs.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.core.Cancellation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bulk-add on real CSV files: rejected lines, --skip-invalid, --rejects, the help, the progress total. */
class BulkFileTest {
    private static final String SUPPORT = "120363000000000102@g.us";

    @TempDir
    Path dir;

    /** Seven people, a header, a comment, blank lines, a typo on line 6 and a row with no person on line 8. */
    private Path messyCsv() throws IOException {
        Path csv = dir.resolve("people.csv");
        Files.write(csv, List.of("phone,name", "+7 901 000-00-01,Ivan", "# from the old CRM", "", "+7 901 000-00-02,Olga",
                "+7 901 0O0-00-03,Typo", "+7 901 000-00-04,Petr", ",Anna", ",,", " ; ", "+7 901 000-00-05,Vera"),
                StandardCharsets.UTF_8);
        return csv;
    }

    @Test
    void withoutSkipInvalidTheBadLinesAreListedWithHowToGoOnAndNothingIsSent() throws IOException {
        Path rejects = dir.resolve("rejected.csv");
        Runs r = run("greenapi", "bulk-add", SUPPORT, messyCsv().toString(), "--simulator", "--rejects", rejects.toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("2 line(s) that are not a person; nothing was sent"), r.err());
        assertTrue(r.err().contains("line 6: "), r.err());
        assertTrue(r.err().contains("line 8: empty person"), "a row with an empty first cell is no longer dropped: " + r.err());
        assertTrue(r.err().contains("--skip-invalid") && r.err().contains("--rejects FILE"), "says how to go on: " + r.err());
        assertFalse(r.err().contains("simulator:"), "nothing was started: " + r.err());
        assertTrue(Files.exists(rejects), "the rejects are written even when the run is refused, to fix the file");
    }

    @Test
    void skipInvalidAddsTheOthersCountsTheSkippedAndWritesTheRejectedLinesAsTheyWere() throws IOException {
        Path rejects = dir.resolve("rejected.csv");
        Runs r = run("greenapi", "bulk-add", SUPPORT, messyCsv().toString(), "--simulator", "--skip-invalid", "--rejects",
                rejects.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("ADDED                    4"), r.out());
        assertTrue(r.out().contains("SKIPPED (invalid)        2  (not sent; lines 6, 8); the lines and why: " + rejects), r.out());
        List<String> written = Files.readAllLines(rejects, StandardCharsets.UTF_8);
        assertEquals("line,text,reason", written.get(0));
        assertEquals(3, written.size(), written.toString());
        assertTrue(written.get(1).startsWith("6,\"+7 901 0O0-00-03,Typo\",\""), "the user's own line, as it was: " + written);
        assertFalse(written.get(1).substring(written.get(1).indexOf(",\"", 3) + 20).matches(".*[0-9]{5,}.*"),
                "no number in the reason: " + written.get(1));
        assertEquals("8,\",Anna\",\"empty person: the first column is empty\"", written.get(2));
        assertFalse(r.out().contains("9010000001"), "numbers masked in the report");
        assertEquals(java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(rejects),
                "the file holds people's numbers");

        Runs json = run("greenapi", "bulk-add", SUPPORT, messyCsv().toString(), "--simulator", "--skip-invalid", "--json");
        JsonNode summary = json.summary();
        assertEquals(2, summary.get("skippedInvalid").asInt(), summary.toString());
        assertEquals(List.of(6, 8), java.util.stream.StreamSupport.stream(summary.get("skippedLines").spliterator(), false)
                .map(JsonNode::asInt).toList());
        assertEquals(4, summary.get("summary").get("ADDED").asInt());
    }

    @Test
    void aFileWithOnlyRejectedLinesIsRefusedEvenWhenSkipping() throws IOException {
        Path csv = dir.resolve("none.csv");
        Files.write(csv, List.of(",Anna", ",Boris"), StandardCharsets.UTF_8);
        Runs r = run("greenapi", "bulk-add", SUPPORT, csv.toString(), "--simulator", "--skip-invalid");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("has no people in it (2 line(s) rejected)"), r.err());
        Runs without = run("greenapi", "bulk-add", SUPPORT, csv.toString(), "--simulator");
        assertTrue(without.err().contains("No line of it is a person"), without.err());
        assertTrue(!without.err().contains("To add the 0 other(s)"), "no advice to skip into an empty run: " + without.err());
    }

    @Test
    void theNewOptionsAreForBulkAddOnly() {
        assertEquals(2, run("greenapi", "add", SUPPORT, "+79010000001", "--simulator", "--skip-invalid").code());
        Runs r = run("greenapi", "members", SUPPORT, "--simulator", "--rejects", "x.csv");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--rejects is not for members: it is for bulk-add"), r.err());
    }

    /**
     * Every option the parser takes for a command is in that command's usage line: probed by
     * running each option with each command (an option that is not for a command is refused).
     */
    @Test
    void everyOptionACommandAcceptsIsInItsUsageLine() {
        List<String> options = new ArrayList<>(List.of("--simulator", "--simulator-state", "--json", "--config", "--details",
                "--journal", "--skip-invalid", "--rejects", "--region", "--show-numbers", "--state", "--dir"));
        for (CliOption o : CliOption.values()) {
            if (!options.contains(o.name) && !o.commands.isEmpty()) {
                options.add(o.name);
            }
        }
        List<List<String>> commands = new ArrayList<>();
        for (String provider : List.of("greenapi", "bitrix24", "telegram")) {
            for (String command : List.of("add", "remove", "invite-link", "members", "groups", "bulk-add", "check", "login")) {
                commands.add(List.of(provider, command));
            }
        }
        for (String command : List.of("start", "stop", "status")) {
            commands.add(List.of("simulator", command));
        }
        int accepted = 0;
        for (List<String> command : commands) {
            String usage = run(command.get(0), command.get(1), "--help").out().lines().findFirst().orElse("");
            for (String option : options) {
                List<String> args = new ArrayList<>(command);
                args.add(option);
                if (List.of("--simulator-state", "--config", "--journal", "--rejects", "--state", "--dir").contains(option)) {
                    args.add("some-file");
                } else if (option.equals("--region")) {
                    args.add("RU");
                } else if (option.equals("--interval")) {
                    args.add("30s");
                } else if (option.equals("--invite-link")) {
                    args.add("send");
                } else if (option.equals("--product")) {
                    args.add("max");
                } else if (option.equals("--api-url")) {
                    args.add("http://127.0.0.1:8081");
                }
                args.add("--help");
                Runs r = run(args.toArray(String[]::new));
                if (r.code() == 2 && r.err().contains(option + " is not for")) {
                    assertFalse(usage.contains(option + " ") || usage.contains(option + "]"),
                            String.join(" ", command) + " refuses " + option + " but lists it: " + usage);
                    continue;
                }
                accepted++;
                assertTrue(usage.contains("[" + option + "]") || usage.contains("[" + option + " "),
                        String.join(" ", command) + " takes " + option + " but its usage line does not say so: " + usage);
            }
        }
        assertTrue(accepted > 40, "the probe reached the commands: " + accepted);
        String bulk = run("greenapi", "bulk-add", "--help").out().lines().findFirst().orElseThrow();
        for (String option : List.of("[--journal FILE]", "[--show-numbers]", "[--region XX]", "[--skip-invalid]",
                "[--rejects FILE]", "[--simulator]", "[--json]", "[--config FILE]")) {
            assertTrue(bulk.contains(option), option + " in " + bulk);
        }
        Runs all = run("--help");
        for (CliOption o : CliOption.values()) {
            assertTrue(all.out().contains(o.name), o.name + " in groupkit --help");
        }
    }

    @Test
    void aResumedJournaledRunsProgressEndsAtItsTotal() throws IOException {
        Path csv = dir.resolve("people.csv");
        List<String> lines = new ArrayList<>(IntStream.range(0, 40).mapToObj(i -> "@member_" + i).toList());
        lines.add("@member_3"); // named twice: sent once, and not counted twice in the progress
        Files.write(csv, lines, StandardCharsets.UTF_8);
        Path journal = dir.resolve("people.journal");
        Cancellation cancel = new Cancellation();
        Runs first = run(Map.of(), cancel, p -> {
            if (p.done() == 5) {
                cancel.cancel();
            }
        }, "telegram", "bulk-add", "chat:5001", csv.toString(), "--simulator", "--journal", journal.toString());
        assertEquals(130, first.code(), first.toString());
        List<io.groupkit.core.BulkProgress> seen = new ArrayList<>();
        Runs again = run(Map.of(), new Cancellation(), seen::add, "telegram", "bulk-add", "chat:5001", csv.toString(),
                "--simulator", "--journal", journal.toString());
        assertEquals(0, again.code(), again.toString());
        io.groupkit.core.BulkProgress last = seen.get(seen.size() - 1);
        assertEquals(last.total(), last.done(), "the last progress is the whole: " + last);
        assertEquals(35, last.total(), "40 people, 5 done before: " + last);
        List<String> bars = again.err().lines().filter(l -> l.startsWith("[")).toList();
        assertTrue(bars.get(bars.size() - 1).contains("35/35"), "the bar ends at its total: " + bars);
    }
}
