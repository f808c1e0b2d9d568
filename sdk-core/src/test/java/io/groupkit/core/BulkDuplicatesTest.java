package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.spi.Operation;
import io.groupkit.core.testing.Harness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bulk input that names a person twice sends them once and says which lines repeated whom. */
class BulkDuplicatesTest {

    @Test
    void thePhoneInAnotherFormatIsTheSamePersonAndIsSentOnce() {
        Harness h = new Harness();
        List<Member> people = List.of(Member.phone("+7 900 000-00-01"), Member.phone("+79000000002"),
                Member.phone("7 (900) 000 00 01"), Member.chatId("79000000002@c.us"), Member.phone("+79000000003"),
                Member.phone("+79000000001"));
        BulkReport r = h.client.addAll(Harness.GROUP, people);
        assertEquals(3, h.fake.calls(Operation.ADD).size(), "each person sent once: " + h.fake.calls(Operation.ADD));
        assertEquals(3, r.count(OutcomeKind.ADDED));
        assertEquals(List.of(2, 3, 5), r.duplicates().stream().map(BulkReport.Duplicate::index).toList());
        assertEquals(List.of(0, 1, 0), r.duplicates().stream().map(BulkReport.Duplicate::firstIndex).toList());
        assertEquals(List.of(0, 1, 4), r.entries().stream().map(io.groupkit.core.BulkEntry::index).toList(),
                "entries keep their positions in the input");
        assertEquals(6, r.total(), "every line is counted");
        assertTrue(r.allSucceeded());
    }

    @Test
    void userNamesDifferingOnlyInCaseAreOnePersonAndIdsAreExact() {
        Harness h = new Harness();
        List<Member> people = List.of(Member.username("@Anna_K"), Member.username("anna_k"), Member.userId(42),
                Member.userId("42"), Member.userId(43));
        BulkReport r = h.client.addAll(Harness.GROUP, people);
        assertEquals(List.of(1, 3), r.duplicates().stream().map(BulkReport.Duplicate::index).toList());
        assertEquals(3, r.entries().size());
    }

    @Test
    void aJournaledRunOfADuplicatedInputSendsEachOnceAndResumesTheSame(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        Harness h = new Harness();
        List<Member> people = List.of(Harness.person(1), Harness.person(2), Harness.person(1), Harness.person(3));
        BulkOptions journaled = BulkOptions.defaults().journal(io.groupkit.core.journal.BulkJournal.file(dir.resolve("j")), "dups");
        BulkReport first = h.client.addAll(Harness.GROUP, people, journaled);
        BulkReport again = h.client.addAll(Harness.GROUP, people, journaled);
        assertEquals(3, h.fake.calls(Operation.ADD).size());
        assertEquals(1, first.duplicates().size());
        assertEquals(first.duplicates(), again.duplicates());
        assertEquals(3, again.job().orElseThrow().skipped(), "the rerun finds all three done");
    }

    @Test
    void theDuplicatesToStringMasksTheNumber() {
        Harness h = new Harness();
        BulkReport r = h.client.addAll(Harness.GROUP, List.of(Member.phone("+79001234567"), Member.phone("+79001234567")));
        assertTrue(!r.toString().contains("9001234567"), r.toString());
    }
}
