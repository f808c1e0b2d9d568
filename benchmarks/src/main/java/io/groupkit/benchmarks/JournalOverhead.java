package io.groupkit.benchmarks;

import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.journal.BulkJournal;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.testkit.fake.FakeProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the embedded bulk journal costs per person: the same bulk add on the fake provider (no
 * latency, no pacing, no pre-checks: only GroupKit's own work is left, so the journal's share is
 * as large as it can be) with and without {@link BulkJournal#file}, alternating in rounds in one
 * JVM, the order flipped every round. A journaled person costs two records (intent, outcome),
 * each forced to the disk; the directory is the first argument (the default temporary directory
 * may be a RAM disk: give one on the disk the journal will live on).
 *
 * <p>Bounded: {@code rounds × 2 × people} adds. Arguments: directory, rounds, people per run,
 * concurrency, batch size (0: one person per call; 50: batches as Bitrix24 makes them).
 */
public final class JournalOverhead {
    private JournalOverhead() {
    }

    /**
     * Runs the pairs and prints one table.
     *
     * @param args optional: directory, rounds, people per run, concurrency, batch size
     * @throws Exception if the directory cannot be used
     */
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory(args.length > 0 ? Path.of(args[0]) : Path.of(System.getProperty("java.io.tmpdir")),
                "groupkit-journal-bench");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int people = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 4;
        int batch = args.length > 4 ? Integer.parseInt(args[4]) : 0;
        GroupRef group = GroupRef.of("bench@g.us");
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            members.add(Member.phone(String.format("+7900%07d", i)));
        }
        Policies policies = Policies.builder().prechecks(Prechecks.OFF).retry(RetryPolicy.none())
                .rateLimiter((key, limit, now) -> Duration.ZERO).build();
        System.out.printf("journal overhead: %d rounds x %d people, concurrency %d, %s, journal in %s%n", rounds, people,
                concurrency, batch == 0 ? "one person per call" : "batches of " + batch, dir);
        double[] plain = new double[rounds];
        double[] journaled = new double[rounds];
        for (int r = -2; r < rounds; r++) { // two rounds of warm-up
            boolean journalFirst = r % 2 == 0;
            double a = 0;
            double b = 0;
            for (int side = 0; side < 2; side++) {
                boolean journal = (side == 0) == journalFirst;
                FakeProvider fake = (batch == 0 ? FakeProvider.builder() : FakeProvider.builder().batches(batch)).build();
                fake.group(group);
                GroupMembership client = GroupMembership.create(fake, policies);
                BulkOptions options = BulkOptions.defaults().concurrency(concurrency);
                if (journal) {
                    options = options.journal(BulkJournal.file(dir.resolve("round-" + (r + 2) + ".journal")), "bench");
                }
                long start = System.nanoTime();
                BulkReport report = client.addAll(group, members, options);
                double perPerson = (System.nanoTime() - start) / 1e3 / people;
                if (report.succeeded() != people) {
                    throw new IllegalStateException("expected " + people + " added, got " + report.counts());
                }
                client.close();
                if (journal) {
                    b = perPerson;
                } else {
                    a = perPerson;
                }
            }
            if (r >= 0) {
                plain[r] = a;
                journaled[r] = b;
            }
        }
        double[] ratio = new double[rounds];
        double[] extra = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = journaled[r] / plain[r];
            extra[r] = journaled[r] - plain[r];
        }
        System.out.printf("per person: without journal %.1f us, with the file journal %.1f us (medians);"
                        + " journal adds %.1f us per person (%.2fx)%n", median(plain), median(journaled), median(extra),
                median(ratio));
        System.out.printf("journal file: %d bytes for %d people%n", Files.size(dir.resolve("round-0.journal")), people);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
