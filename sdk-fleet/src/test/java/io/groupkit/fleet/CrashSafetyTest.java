package io.groupkit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.time.TimeSource;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journaled bulk of 1,000 in a child JVM, killed with SIGKILL at 10 random points and run again
 * each time: in the end everyone is in the group exactly once, no one was added twice, and the last
 * run's report has all 1,000 outcomes. For the file journal and for PostgreSQL.
 */
class CrashSafetyTest {
    private static final String INSTANCE = "1101000077";
    private static final String TOKEN = "crash-token-51c0";
    private static final String GROUP = "120363000000000177@g.us";
    private static final int PEOPLE = 600;
    private static final int KILLS = 10;
    private static final long FIRST = 79_100_000_000L;

    @TempDir
    Path dir;

    @Test
    void theFileJournalSurvivesTenKills() throws Exception {
        survivesKills("file", "file:" + dir.resolve("crash.journal"));
    }

    @Test
    void thePostgresJournalSurvivesTenKills() throws Exception {
        try (Postgres db = Postgres.start()) {
            survivesKills("PostgreSQL", db.url());
        }
    }

    private void survivesKills(String store, String journal) throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        try (GreenApiSimulator sim = GreenApiSimulator.start(TimeSource.system(), GreenApiSimulator.Rates.IGNORED)) {
            GreenApiSimulator.Instance phone = sim.instance(INSTANCE, TOKEN).group(GROUP);
            for (int i = 0; i < PEOPLE; i++) {
                phone.contacts(String.valueOf(FIRST + i));
            }
            Jvms jvms = new Jvms(dir);
            int killed = 0;
            int run = 0;
            // Ten points spread over the whole run, each at least one add after the one before.
            int[] points = random.ints(KILLS, 1, PEOPLE - 20).sorted().toArray();
            for (; killed < KILLS; run++) {
                int target = Math.max(points[killed], phone.effectiveAdds(GROUP).size() + 1);
                Process p = worker(jvms, run, journal, sim.url());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (p.isAlive() && phone.effectiveAdds(GROUP).size() < target && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                if (!p.isAlive()) {
                    throw new AssertionError("run " + run + " ended before it was killed (seed " + seed + "): "
                            + jvms.outputOf(run));
                }
                p.destroyForcibly(); // SIGKILL on Linux and macOS: no shutdown hook, no finally
                assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                killed++;
            }
            Process last = worker(jvms, run, journal, sim.url());
            assertTrue(last.waitFor(120, TimeUnit.SECONDS), "the last run ended");
            String out = jvms.outputOf(run);
            assertEquals(0, last.exitValue(), out);

            List<String> adds = phone.effectiveAdds(GROUP);
            Set<String> distinct = new HashSet<>(adds);
            int requests = sim.requests("addGroupParticipant").size();
            Matcher job = Pattern.compile("JOB skipped=(\\d+) settled=(\\d+) sent=(\\d+)").matcher(out);
            assertTrue(job.find(), out);
            System.out.printf("crash safety (%s journal): %d kills, %d effective adds of %d people (%d add requests),"
                    + " last run: skipped %s, settled %s, sent %s%n", store, killed, adds.size(), distinct.size(), requests,
                    job.group(1), job.group(2), job.group(3));
            assertEquals(PEOPLE, distinct.size(), "everyone is in the group (seed " + seed + ")");
            assertEquals(PEOPLE, adds.size(), "no one was added twice (seed " + seed + ")");
            assertEquals(PEOPLE, requests, "no one was even sent twice: people under way were checked first (seed " + seed + ")");
            assertEquals(PEOPLE + 1, phone.members(GROUP).size(), "everyone once, and the instance's own number");
            assertTrue(out.contains("ENTRIES " + PEOPLE + " NOT_ATTEMPTED 0"), out);
            assertTrue(out.contains("COUNTS {ADDED=" + PEOPLE + "}"), out);
            assertEquals(PEOPLE, Integer.parseInt(job.group(1)) + Integer.parseInt(job.group(2))
                    + Integer.parseInt(job.group(3)));
        }
    }

    private static Process worker(Jvms jvms, int run, String journal, String simUrl) throws Exception {
        return jvms.start(run, JournalMember.class, journal, simUrl, INSTANCE, TOKEN, GROUP, String.valueOf(FIRST),
                String.valueOf(PEOPLE), "crash-job", "2", "false");
    }
}
