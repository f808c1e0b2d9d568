package io.groupkit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.time.TimeSource;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several workers — JVM processes — on one job in PostgreSQL: each person is claimed by one of them,
 * and a dead worker's people are taken over once its lease has run out.
 */
class WorkersTest {
    private static final String INSTANCE = "1101000088";
    private static final String TOKEN = "workers-token-9e1d";
    private static final String GROUP = "120363000000000188@g.us";
    private static final int PEOPLE = 200;
    private static final long FIRST = 79_200_000_000L;
    private static final Pattern JOB = Pattern.compile("JOB skipped=(\\d+) settled=(\\d+) sent=(\\d+) elsewhere=(\\d+)");

    @TempDir
    Path dir;

    @Test
    void twoWorkersOnOneJobClaimDisjointPeopleAndEachReportsTheWholeJob() throws Exception {
        try (Postgres db = Postgres.start(); GreenApiSimulator sim = GreenApiSimulator.start(TimeSource.system(), GreenApiSimulator.Rates.IGNORED)) {
            GreenApiSimulator.Instance phone = instance(sim);
            Jvms jvms = new Jvms(dir);
            List<Process> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                workers.add(worker(jvms, w, db.url(), sim.url(), "two-workers", 60, true));
            }
            jvms.runTogether(workers, "{ADDED=" + PEOPLE + "}");

            int[] sent = new int[2];
            for (int w = 0; w < 2; w++) {
                String out = jvms.outputOf(w);
                assertTrue(out.contains("ENTRIES " + PEOPLE + " NOT_ATTEMPTED 0"), out);
                Matcher m = JOB.matcher(out);
                assertTrue(m.find(), out);
                sent[w] = Integer.parseInt(m.group(3));
                assertEquals(PEOPLE, sent[w] + Integer.parseInt(m.group(1)), "the rest the other did: " + out);
            }
            System.out.printf("two workers on one job: %d and %d people sent, %d add requests, %d effective adds%n", sent[0],
                    sent[1], sim.requests("addGroupParticipant").size(), phone.effectiveAdds(GROUP).size());
            assertEquals(PEOPLE, sent[0] + sent[1], "disjoint claims");
            assertTrue(sent[0] > 0 && sent[1] > 0, "both worked");
            assertEquals(PEOPLE, new HashSet<>(phone.effectiveAdds(GROUP)).size(), "the union is everyone");
            assertEquals(PEOPLE, sim.requests("addGroupParticipant").size(), "each person sent once");
        }
    }

    @Test
    void aDeadWorkersPeopleAreTakenOverAfterItsLease() throws Exception {
        try (Postgres db = Postgres.start(); GreenApiSimulator sim = GreenApiSimulator.start(TimeSource.system(), GreenApiSimulator.Rates.IGNORED)) {
            GreenApiSimulator.Instance phone = instance(sim);
            Jvms jvms = new Jvms(dir);
            Process dying = worker(jvms, 0, db.url(), sim.url(), "takeover", 3, false);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (dying.isAlive() && phone.effectiveAdds(GROUP).size() < PEOPLE / 3 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertTrue(dying.isAlive(), jvms.outputOf(0));
            dying.destroyForcibly();
            assertTrue(dying.waitFor(30, TimeUnit.SECONDS));
            long killedAt = System.nanoTime();

            Process heir = worker(jvms, 1, db.url(), sim.url(), "takeover", 3, false);
            assertTrue(heir.waitFor(120, TimeUnit.SECONDS));
            double took = (System.nanoTime() - killedAt) / 1e9;
            String out = jvms.outputOf(1);
            assertEquals(0, heir.exitValue(), out);
            assertTrue(out.contains("ENTRIES " + PEOPLE + " NOT_ATTEMPTED 0"), out);
            assertTrue(out.contains("COUNTS {ADDED=" + PEOPLE + "}"), out);
            Matcher m = JOB.matcher(out);
            assertTrue(m.find(), out);
            System.out.printf("takeover: the heir finished %.1f s after the kill (lease 3 s): %s%n", took, m.group());
            assertEquals(PEOPLE, new HashSet<>(phone.effectiveAdds(GROUP)).size());
            assertEquals(PEOPLE, phone.effectiveAdds(GROUP).size(), "no one added twice");
            assertEquals(PEOPLE, sim.requests("addGroupParticipant").size(), "no one sent twice");
        }
    }

    private static GreenApiSimulator.Instance instance(GreenApiSimulator sim) {
        GreenApiSimulator.Instance phone = sim.instance(INSTANCE, TOKEN).group(GROUP);
        for (int i = 0; i < PEOPLE; i++) {
            phone.contacts(String.valueOf(FIRST + i));
        }
        return phone;
    }

    private static Process worker(Jvms jvms, int n, String jdbc, String simUrl, String job, int leaseSeconds, boolean waitForGo)
            throws Exception {
        return jvms.start(n, JournalMember.class, jdbc, simUrl, INSTANCE, TOKEN, GROUP, String.valueOf(FIRST),
                String.valueOf(PEOPLE), job, String.valueOf(leaseSeconds), String.valueOf(waitForGo));
    }
}
