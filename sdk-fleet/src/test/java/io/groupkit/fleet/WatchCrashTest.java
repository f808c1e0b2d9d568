package io.groupkit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watch of 20 groups in a child JVM while 500 membership changes are scripted on a Green-API
 * simulator; the child is killed with SIGKILL at 10 random moments and started again each time.
 * In the end every change was delivered, under one event id: the only repeats are deliveries of
 * the same id (the one under way when the child was killed). For the directory store and for
 * PostgreSQL.
 */
class WatchCrashTest {
    private static final int KILLS = 10;
    /** 30 ms between two listings at most: the simulator enforces no rate here. */
    private static final String INTERVAL_MS = "600";
    /** Changes scripted a listing: the script keeps pace with the watch, and waits while it restarts. */
    private static final int CHANGES_PER_LISTING = 20;
    private static final String LEASE_MS = "2000";

    @TempDir
    Path dir;

    @Test
    void theDirectoryStoreSurvivesTenKills() throws Exception {
        survivesKills("directory", "file:" + dir.resolve("watch-state"));
    }

    @Test
    void thePostgresStoreSurvivesTenKills() throws Exception {
        survivesKills("PostgreSQL", Postgres.sharedDatabase("watch_crash_" + Long.toHexString(System.nanoTime())));
    }

    private void survivesKills(String storeName, String store) throws Exception {
        long started = System.nanoTime();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path log = dir.resolve("events-" + storeName + ".log");
        try (WatchScenario s = new WatchScenario(random)) {
            Jvms jvms = new Jvms(dir.resolve(storeName));
            java.nio.file.Files.createDirectories(dir.resolve(storeName));
            int run = 0;
            Process child = watcher(jvms, run, s, store, log, false);
            Process first = child;
            Process spare = watcher(jvms, run + 1, s, store, log, true); // booted ahead, as a supervisor's would be
            WatchScenario.await(() -> count(jvms, 0, "LISTED ") == WatchScenario.GROUPS && first.isAlive(), 60,
                    () -> "the first run listed every group (seed " + seed + "): " + output(jvms, 0));
            long baselined = System.nanoTime();
            // Ten kill points among the changes, none in the first or last few.
            int[] kills = random.ints(20, s.changes.size() - 20).distinct().limit(KILLS).sorted().toArray();
            int killed = 0;
            int[] kinds = new int[2]; // [1]: kills just after a delivery
            int base = s.listings();
            for (int i = 0; i < s.changes.size(); i++) {
                int wanted = base + i / CHANGES_PER_LISTING;
                Process current = child;
                int currentRun = run;
                WatchScenario.await(() -> s.listings() >= wanted || !current.isAlive(), 60,
                        () -> "the watch lists (seed " + seed + ")");
                assertTrue(current.isAlive(), () -> "run " + currentRun + " ended on its own: " + output(jvms, currentRun));
                s.changes.get(i).apply(s.phone);
                if (killed < KILLS && i == kills[killed]) {
                    if (random.nextBoolean()) {
                        // Within the next few listings: in a listing, a comparison or a delivery.
                        int later = s.listings() + random.nextInt(4);
                        WatchScenario.await(() -> s.listings() >= later, 60, () -> "the watch lists (seed " + seed + ")");
                    } else {
                        // Just after a delivery reached the log: before or after its state was saved.
                        long size = size(log);
                        WatchScenario.await(() -> size(log) > size, 60, () -> "the watch delivers (seed " + seed + ")");
                        kinds[1]++;
                    }
                    child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
                    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
                    killed++;
                    run++;
                    child = spare;
                    child.getOutputStream().write("GO\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    child.getOutputStream().flush();
                    spare = watcher(jvms, run + 1, s, store, log, true);
                    base = s.listings() - i / CHANGES_PER_LISTING + 1; // the next change once the new run lists
                }
            }
            long scripted = System.nanoTime();
            List<Path> logs = List.of(log);
            WatchScenario.await(() -> {
                try {
                    return s.allDelivered(logs);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, 60, () -> "every change delivered (seed " + seed + ")");
            long caughtUp = System.nanoTime();
            spare.destroyForcibly();
            child.getOutputStream().close(); // the last run ends on its own
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the last run ended");
            assertEquals(0, child.exitValue(), output(jvms, run));

            WatchScenario.Tally t = s.tally(logs);
            System.out.printf("watch crash safety (%s store): %d changes, %d kills, %d deliveries of %d event ids"
                    + " (%d redeliveries of an id; %d kills just after a delivery), %d listings; %.1f s (first run's baseline %.1f s, script and kills %.1f s,"
                    + " the rest delivered %.1f s later)%n", storeName, s.changes.size(), killed, t.lines,
                    t.distinctIds.size(), t.redeliveries(), kinds[1], s.listings(), (System.nanoTime() - started) / 1e9,
                    (baselined - started) / 1e9, (scripted - baselined) / 1e9, (caughtUp - scripted) / 1e9);
            assertEquals(KILLS, killed);
            s.assertEachChangeOnce(t, "seed " + seed);
            assertTrue(t.redeliveries() <= KILLS, "at most the event under way at each kill is delivered again: "
                    + t.redeliveries());
        }
    }

    private static Process watcher(Jvms jvms, int run, WatchScenario s, String store, Path log, boolean spare)
            throws Exception {
        // One owner name across restarts: a server restarted under its own name takes its leases back at once.
        return jvms.startQuick(run, WatchMember.class, store, s.sim.url(), WatchScenario.INSTANCE, WatchScenario.TOKEN,
                s.groupList(), "crash-watcher", log.toString(), INTERVAL_MS, LEASE_MS, Boolean.toString(spare));
    }

    private static long size(Path file) {
        try {
            return java.nio.file.Files.exists(file) ? java.nio.file.Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static long count(Jvms jvms, int server, String prefix) {
        return output(jvms, server).lines().filter(l -> l.startsWith(prefix)).count();
    }

    static String output(Jvms jvms, int server) {
        try {
            return jvms.outputOf(server);
        } catch (Exception e) {
            return "(no output: " + e + ")";
        }
    }
}
