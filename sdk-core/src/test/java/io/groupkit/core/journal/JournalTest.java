package io.groupkit.core.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.testing.ScriptedProvider.Call;
import io.groupkit.core.testing.Harness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Journaled bulk runs on the file journal: intent before the send, reruns that skip, settle and go on. */
class JournalTest {
    @TempDir
    Path dir;

    private static List<Member> people(int n) {
        return IntStream.range(0, n).mapToObj(Harness::person).toList();
    }

    private Path file() {
        return dir.resolve("jobs.journal");
    }

    private BulkOptions journaled(BulkJournal journal) {
        return BulkOptions.defaults().concurrency(1).journal(journal, "import-2026-12");
    }

    /** How many add requests the fake got for each person (batches included). */
    private static Map<Member, Integer> sends(Harness h) {
        Map<Member, Integer> sends = new HashMap<>();
        for (Call c : h.fake.calls()) {
            if (c.operation() == Operation.ADD || c.operation() == Operation.ADD_BATCH) {
                c.members().forEach(m -> sends.merge(m, 1, Integer::sum));
            }
        }
        return sends;
    }

    @Test
    void theIntentIsRecordedBeforeTheSendAndTheOutcomeAfter() {
        Harness h = new Harness();
        List<String> events = new ArrayList<>();
        BulkJournal watched = wrap(BulkJournal.file(file()), new Hooks() {
            @Override
            public void beforeIntend(List<String> persons) {
                events.add("intent, " + h.fake.calls(Operation.ADD).size() + " sent");
            }

            @Override
            public boolean beforeRecord(String person) {
                events.add("outcome, " + h.fake.calls(Operation.ADD).size() + " sent");
                return true;
            }
        });
        BulkReport r = h.client.addAll(Harness.GROUP, people(3), journaled(watched));
        assertEquals(List.of("intent, 0 sent", "outcome, 1 sent", "intent, 1 sent", "outcome, 2 sent", "intent, 2 sent",
                "outcome, 3 sent"), events);
        assertEquals(new BulkReport.Job("import-2026-12", 0, 0, 3, 0, 0), r.job().orElseThrow());
    }

    @Test
    void aRerunSkipsThePeopleWhoAreDoneAndReportsTheirOutcomes() {
        Harness h = new Harness();
        h.fake.refuse(Harness.person(3), OutcomeKind.PRIVACY_RESTRICTED);
        h.fake.refuse(Harness.person(5), OutcomeKind.NOT_REGISTERED);
        BulkReport first = h.client.addAll(Harness.GROUP, people(20), journaled(BulkJournal.file(file())));
        int sent = h.fake.calls().size();
        BulkReport again = h.client.addAll(Harness.GROUP, people(20), journaled(BulkJournal.file(file())));
        assertEquals(sent, h.fake.calls().size(), "nothing sent again, not even a pre-check");
        assertEquals(20, again.entries().size());
        assertEquals(first.entries().stream().map(e -> e.outcome().kind()).toList(),
                again.entries().stream().map(e -> e.outcome().kind()).toList());
        assertEquals(OutcomeKind.PRIVACY_RESTRICTED, again.entries().get(3).outcome().kind());
        assertEquals(first.entries().get(3).outcome(), again.entries().get(3).outcome(), "the journaled outcome, whole");
        assertEquals(new BulkReport.Job("import-2026-12", 20, 0, 0, 0, 0), again.job().orElseThrow());
    }

    /**
     * A crash, played in one process: person 4's add is carried out but its outcome never reaches
     * the journal; person 7's intent is written and then the journal fails, so 7 is never sent
     * and the run stops. The rerun checks 4 and 7 against the group's members before sending
     * anything: 4 is found (not sent again), 7 is absent (sent once); everyone else done is skipped.
     */
    @Test
    void aRerunChecksThePeopleWhoWereUnderWayBeforeSendingThemAnything() {
        Harness h = new Harness();
        BulkJournal crashing = wrap(BulkJournal.file(file()), new Hooks() {
            @Override
            public void afterIntend(List<String> persons) {
                if (h.fake.calls(Operation.ADD).size() == 7) {
                    throw new IllegalStateException("disk gone");
                }
            }

            @Override
            public boolean beforeRecord(String person) {
                return h.fake.calls(Operation.ADD).size() != 5; // person 4's outcome is lost
            }
        });
        BulkReport first = h.client.addAll(Harness.GROUP, people(20), journaled(crashing));
        assertEquals("JOURNAL_UNAVAILABLE", first.stoppedBy().orElseThrow().detail().code());
        assertEquals(13, first.notAttempted().size(), "person 7 on: nothing sent without its intent recorded");
        assertEquals(7, h.fake.calls(Operation.ADD).size());

        BulkReport again = h.client.addAll(Harness.GROUP, people(20), journaled(BulkJournal.file(file())));
        assertEquals(20, again.entries().size());
        assertTrue(again.allSucceeded(), again.toString());
        assertEquals("VERIFIED_BY_MEMBERSHIP_CHECK", again.entries().get(4).outcome().detail().code());
        Map<Member, Integer> sends = sends(h);
        for (Member m : people(20)) {
            assertEquals(1, sends.getOrDefault(m, 0), () -> m + " sent once");
        }
        assertEquals(new BulkReport.Job("import-2026-12", 6, 2, 12, 0, 0), again.job().orElseThrow());
        assertEquals(20, h.fake.membersOf(Harness.GROUP).size());
    }

    @Test
    void anInviteThatMayHaveBeenSentIsNotSentAgain() {
        Harness h = new Harness(b -> b, p -> p.inviteFallback(io.groupkit.core.policy.InviteFallback.ATTACH_AND_SEND));
        h.fake.inviteLink(Harness.GROUP, "https://chat.whatsapp.com/JoinTeam");
        h.fake.refuse(Harness.person(1), OutcomeKind.PRIVACY_RESTRICTED);
        BulkJournal losing = wrap(BulkJournal.file(file()), new Hooks() {
            @Override
            public boolean beforeRecord(String person) {
                return h.fake.invitesSent().isEmpty(); // the process dies after the invite went out
            }
        });
        h.client.addAll(Harness.GROUP, people(2), journaled(losing));
        assertEquals(1, h.fake.invitesSent().size());

        BulkReport again = h.client.addAll(Harness.GROUP, people(2), journaled(BulkJournal.file(file())));
        io.groupkit.core.PrivacyRestricted refused = assertInstanceOf(io.groupkit.core.PrivacyRestricted.class,
                again.entries().get(1).outcome());
        assertEquals("https://chat.whatsapp.com/JoinTeam", refused.inviteLink().orElseThrow().url());
        assertEquals(io.groupkit.core.InviteDelivery.NOT_SENT, refused.delivery(), "attached, not sent again");
        assertEquals(1, h.fake.invitesSent().size());
        assertEquals(new BulkReport.Job("import-2026-12", 1, 1, 0, 0, 0), again.job().orElseThrow());
    }

    @Test
    void aBatchIsJournaledTogetherAndALostBatchIsSettledWithOneListing() throws Exception {
        Harness h = new Harness(b -> b.batches(50), p -> p);
        BulkJournal losing = wrap(BulkJournal.file(file()), new Hooks() {
            @Override
            public boolean beforeRecord(String person) {
                return h.fake.calls(Operation.ADD_BATCH).size() != 2; // the second batch's outcomes are lost
            }
        });
        h.client.addAll(Harness.GROUP, people(120), BulkOptions.defaults().concurrency(1).journal(losing, "batches"));
        List<String> intents = Files.readAllLines(file()).stream().filter(l -> l.contains(" I ")).toList();
        assertEquals(List.of(50, 50, 20), intents.stream().map(l -> l.substring(l.lastIndexOf(' ') + 1).split(",").length)
                .toList(), "one intent record per batch");
        int listings = h.fake.calls(Operation.MEMBERS).size();

        BulkReport again = h.client.addAll(Harness.GROUP, people(120), BulkOptions.defaults().concurrency(1)
                .journal(BulkJournal.file(file()), "batches"));
        assertEquals(listings + 1, h.fake.calls(Operation.MEMBERS).size(), "one listing settles the whole batch");
        assertEquals(3, h.fake.calls(Operation.ADD_BATCH).size(), "nothing sent again");
        assertEquals(new BulkReport.Job("batches", 70, 50, 0, 0, 0), again.job().orElseThrow());
        assertTrue(again.allSucceeded());
    }

    @Test
    void aTornLastLineIsCutOffAndTheJournalGoesOn() throws Exception {
        Harness h = new Harness();
        h.client.addAll(Harness.GROUP, people(5), journaled(BulkJournal.file(file())));
        Files.write(file(), "0badc0de O import-2026-12 half-writ".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        BulkReport again = h.client.addAll(Harness.GROUP, people(6), journaled(BulkJournal.file(file())));
        assertEquals(new BulkReport.Job("import-2026-12", 5, 0, 1, 0, 0), again.job().orElseThrow());
        BulkReport third = h.client.addAll(Harness.GROUP, people(6), journaled(BulkJournal.file(file())));
        assertEquals(new BulkReport.Job("import-2026-12", 6, 0, 0, 0, 0), third.job().orElseThrow());
        assertTrue(Files.readString(file()).endsWith("\n"));
    }

    @Test
    void aJournalInUseSendsNothingAndSaysWhy() {
        Harness h = new Harness();
        try (JournalRun other = BulkJournal.file(file()).open("other-job", "g", List.of())) {
            BulkReport r = h.client.addAll(Harness.GROUP, people(3), journaled(BulkJournal.file(file())));
            assertEquals("JOURNAL_UNAVAILABLE", r.stoppedBy().orElseThrow().detail().code());
            assertEquals(3, r.notAttempted().size());
            assertEquals(0, h.fake.calls().size());
        }
    }

    @Test
    void aJobBelongsToOneGroup() {
        Harness h = new Harness();
        h.client.addAll(Harness.GROUP, people(2), journaled(BulkJournal.file(file())));
        GroupRef other = GroupRef.of("other@g.us");
        h.fake.group(other);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> h.client.addAll(other, people(2), journaled(BulkJournal.file(file()))));
        assertTrue(e.getMessage().contains("another group"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BulkOptions.defaults().journal(BulkJournal.file(file()), ""));
    }

    @Test
    void theJournalHoldsNoPhoneNumber() throws Exception {
        Harness h = new Harness();
        h.fake.refuse(Harness.person(2), OutcomeKind.PRIVACY_RESTRICTED);
        h.client.addAll(Harness.GROUP, people(4), journaled(BulkJournal.file(file())));
        String text = Files.readString(file());
        for (Member m : people(4)) {
            assertFalse(text.contains(m.value().substring(1)), "a phone number in the journal");
        }
    }

    /** Points where a test plays a crash or watches the order. */
    private interface Hooks {
        default void beforeIntend(List<String> persons) {
        }

        default void afterIntend(List<String> persons) {
        }

        /** False drops the record, as if the process died before writing it. */
        default boolean beforeRecord(String person) {
            return true;
        }
    }

    private static BulkJournal wrap(BulkJournal inner, Hooks hooks) {
        return (job, group, people) -> {
            JournalRun run = inner.open(job, group, people);
            return new JournalRun() {
                @Override
                public List<JournalClaim> claim(int max) {
                    return run.claim(max);
                }

                @Override
                public void intend(List<String> persons) {
                    hooks.beforeIntend(persons);
                    run.intend(persons);
                    hooks.afterIntend(persons);
                }

                @Override
                public void record(String person, String outcome, Finality finality) {
                    if (hooks.beforeRecord(person)) {
                        run.record(person, outcome, finality);
                    }
                }

                @Override
                public Map<String, String> finished() {
                    return run.finished();
                }

                @Override
                public void close() {
                    run.close();
                }
            };
        };
    }
}
