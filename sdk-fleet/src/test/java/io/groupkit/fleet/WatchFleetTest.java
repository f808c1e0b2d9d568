package io.groupkit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three watcher JVMs watch the same 20 groups through one PostgreSQL store while 500 changes are
 * scripted: each group is listed by one of them at a time (about one listing a group an interval,
 * not three), each change is delivered once fleet-wide (the union of their logs), and when one of
 * them is killed the others take its groups over once its leases have run out.
 */
class WatchFleetTest {
    private static final int WATCHERS = 3;
    private static final long INTERVAL_MS = 1_000;
    /** Three rounds: the least a watch takes (a lease shorter than three rounds is lengthened to it). */
    private static final long LEASE_MS = 3_000;
    private static final int CHANGES_PER_LISTING = 10;

    @TempDir
    Path dir;

    @Test
    void threeWatchersShareTwentyGroupsAndTakeOverADeadOnesGroups() throws Exception {
        long started = System.nanoTime();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String db = Postgres.sharedDatabase("watch_fleet_" + Long.toHexString(System.nanoTime()));
        try (WatchScenario s = new WatchScenario(random)) {
            Jvms jvms = new Jvms(dir);
            List<Process> watchers = new ArrayList<>();
            List<Path> logs = new ArrayList<>();
            for (int w = 0; w < WATCHERS; w++) {
                logs.add(dir.resolve("events-" + w + ".log"));
                watchers.add(jvms.startQuick(w, WatchMember.class, db, s.sim.url(), WatchScenario.INSTANCE,
                        WatchScenario.TOKEN, s.groupList(), "fleet-" + w, logs.get(w).toString(),
                        Long.toString(INTERVAL_MS), Long.toString(LEASE_MS), "false"));
            }
            WatchScenario.await(() -> listedByAny(jvms).size() == WatchScenario.GROUPS, 60,
                    () -> "the fleet listed every group (seed " + seed + "): " + outputs(jvms));

            // While all three run: how often each group is listed, and (from the start) by whom.
            int half = s.changes.size() / 2;
            long from = System.nanoTime();
            int listingsBefore = s.listings();
            script(s, 0, half, watchers);
            double seconds = (System.nanoTime() - from) / 1e9;
            double perGroupPerInterval = (s.listings() - listingsBefore) / (double) WatchScenario.GROUPS
                    / (seconds * 1000 / INTERVAL_MS);
            Map<String, Set<Integer>> listers = new TreeMap<>();
            long slowest = 0;
            for (int w = 0; w < WATCHERS; w++) {
                List<String> out = lines(jvms, w);
                for (String l : out) {
                    if (l.startsWith("LISTING ")) {
                        listers.computeIfAbsent(l.split(" ")[1], k -> new TreeSet<>()).add(w);
                    } else if (l.startsWith("PACE ")) {
                        slowest = Math.max(slowest, Long.parseLong(l.split(" ")[1]));
                    }
                }
            }

            // Kill the watcher holding the most groups; the others take them over once its leases end.
            int victim = 0;
            for (int w = 1; w < WATCHERS; w++) {
                if (held(jvms, w).size() > held(jvms, victim).size()) {
                    victim = w;
                }
            }
            Set<String> orphaned = held(jvms, victim);
            long leaseLeft = leaseLeftMillis(db, "fleet-" + victim);
            long killedAt = System.nanoTime();
            watchers.get(victim).destroyForcibly(); // SIGKILL
            assertTrue(watchers.get(victim).waitFor(30, TimeUnit.SECONDS));
            long dead = System.nanoTime();
            List<Process> survivors = new ArrayList<>(watchers);
            survivors.remove(victim);
            script(s, half, s.changes.size(), survivors);
            WatchScenario.await(() -> {
                try {
                    return s.allDelivered(logs);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, 60, () -> "every change delivered (seed " + seed + "): " + outputs(jvms));

            // Takeover: the first listing of each orphaned group once the victim was dead.
            long takeover = 0;
            for (String g : orphaned) {
                long first = s.listingsOf(g).stream().filter(at -> at > dead).findFirst().orElseThrow();
                takeover = Math.max(takeover, first - killedAt);
            }
            Set<String> takenOver = new HashSet<>();
            for (int w = 0; w < WATCHERS; w++) {
                if (w != victim) {
                    takenOver.addAll(taken(jvms, w));
                }
            }
            for (Process p : survivors) {
                p.getOutputStream().close();
                assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            }
            WatchScenario.Tally t = s.tally(logs);
            System.out.printf("watch fleet: %d watchers, %d changes, %d deliveries of %d event ids (%d redeliveries of an"
                    + " id); while all ran, %.2f getGroupData requests per group per interval of %d ms (the pause between"
                    + " listings up to %d ms, slowed by slow listings) and each group listed by %s watcher(s); watcher %d"
                    + " killed holding %d groups, its leases running %d ms more: all taken over %d ms after the kill;"
                    + " %.1f s%n", WATCHERS, s.changes.size(), t.lines, t.distinctIds.size(), t.redeliveries(),
                    perGroupPerInterval, INTERVAL_MS, slowest, listers.values().stream().map(Set::size).distinct().sorted()
                            .toList(), victim, orphaned.size(), leaseLeft, takeover / 1_000_000,
                    (System.nanoTime() - started) / 1e9);
            s.assertEachChangeOnce(t, "seed " + seed);
            assertTrue(t.redeliveries() <= 1, "at most the event under way at the kill is delivered again: "
                    + t.redeliveries());
            assertTrue(orphaned.size() > 0, "the victim held groups");
            assertTrue(takenOver.containsAll(orphaned), "the survivors took every orphaned group");
            assertEquals(WatchScenario.GROUPS, listers.size(), "every group was listed: " + listers);
            listers.forEach((g, by) -> assertEquals(1, by.size(), "until the kill, one watcher lists " + g + ": " + listers));
            // Three watchers listing every group would make about 3; the pace can only make it less than 1.
            assertTrue(perGroupPerInterval < 1.5, "one listing a group an interval fleet-wide: " + perGroupPerInterval);
        }
    }

    /** Scripts changes {@code from} to {@code to}, a few a listing, while the watchers run. */
    private static void script(WatchScenario s, int from, int to, List<Process> watchers) throws Exception {
        int base = s.listings();
        for (int i = from; i < to; i++) {
            int wanted = base + (i - from) / CHANGES_PER_LISTING;
            WatchScenario.await(() -> s.listings() >= wanted, 60, () -> "the fleet lists");
            for (Process p : watchers) {
                assertTrue(p.isAlive(), "a watcher ended on its own");
            }
            s.changes.get(i).apply(s.phone);
        }
    }

    private static List<String> lines(Jvms jvms, int w) {
        return WatchCrashTest.output(jvms, w).lines().toList();
    }

    /** How long the longest of an owner's leases runs on, by the database's rows and this machine's clock. */
    private static long leaseLeftMillis(String url, String owner) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement st = c.prepareStatement("SELECT max(lease_until) FROM "
                     + JdbcMembershipStore.DEFAULT_SCOPES + " WHERE owner = ?")) {
            st.setString(1, owner);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                return rs.getObject(1, OffsetDateTime.class).toInstant().toEpochMilli() - System.currentTimeMillis();
            }
        }
    }

    private static Set<String> listedByAny(Jvms jvms) {
        Set<String> listed = new HashSet<>();
        for (int w = 0; w < WATCHERS; w++) {
            WatchCrashTest.output(jvms, w).lines().filter(l -> l.startsWith("LISTED ")).forEach(l -> listed.add(l.substring(7)));
        }
        return listed;
    }

    /** The groups a watcher holds by its own account: taken and not lost since. */
    private static Set<String> held(Jvms jvms, int w) {
        Set<String> held = new HashSet<>();
        for (String l : WatchCrashTest.output(jvms, w).lines().toList()) {
            if (l.startsWith("TAKEN ")) {
                held.add(l.substring(6));
            } else if (l.startsWith("LOST ")) {
                held.remove(l.substring(5));
            }
        }
        return held;
    }

    private static Set<String> taken(Jvms jvms, int w) {
        Set<String> taken = new HashSet<>();
        WatchCrashTest.output(jvms, w).lines().filter(l -> l.startsWith("TAKEN ")).forEach(l -> taken.add(l.substring(6)));
        return taken;
    }

    private static String outputs(Jvms jvms) {
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < WATCHERS; w++) {
            String out = WatchCrashTest.output(jvms, w);
            b.append("\n--- watcher ").append(w).append(": ").append(out, Math.max(0, out.length() - 2_000), out.length());
        }
        return b.toString();
    }
}
