package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.InviteLink;
import io.groupkit.core.JoinDecision;
import io.groupkit.core.Policies;
import io.groupkit.core.events.EventKind;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watch of a supergroup and a basic group in a child JVM while 200 membership changes are
 * scripted on the fake data centre (joins by personal links, a shared link and approved requests,
 * adds and removals by another admin, leaves), with 3 ranges of pushed updates dropped and the
 * connections dropped twice; the child is killed with SIGKILL at 5 random moments and started
 * again each time. In the end every change was delivered once, under one event id (the only
 * repeats are deliveries of the id under way at a kill), and every join through a personal link
 * names that link.
 */
class WatchKillTest {
    private static final long CHAT = 5001;
    private static final long CHANNEL = 7001;
    private static final long OTHER_ADMIN = 99;
    private static final int CHANGES = 200;
    private static final int KILLS = 5;

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @Test
    void fiveKillsLoseNothingAndRepeatNothing() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path log = dir.resolve("events.log");
        Files.createFile(log);
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            long[] first = new long[10];
            for (int i = 0; i < first.length; i++) {
                first[i] = 100 + i;
            }
            sim.basicGroup(CHAT, first).supergroup(CHANNEL, first);
            sim.user(OTHER_ADMIN, "other_admin", null);
            for (long u = 100; u < 600; u++) {
                sim.user(u, "person_" + u, null);
            }
            TelegramGroup s = TelegramGroup.supergroup(CHANNEL, sim.channelAccessHash(CHANNEL));
            TelegramGroup b = TelegramGroup.basic(CHAT);
            String groups = "s:" + CHANNEL + ":" + sim.channelAccessHash(CHANNEL) + ",b:" + CHAT;
            try (TelegramClient admin = Telegram.builder().session(TelegramSession.fromTelethon(sim.sessionString()))
                    .apiId(271_828).requestTimeout(Duration.ofSeconds(5))
                    .policies(Policies.builder().rateLimiter((key, limit, now) -> Duration.ZERO).build()).build()) {
                int run = 0;
                Process child = child(sim, groups, log, run);
                Process booted = child;
                await(() -> output(0).contains("LISTED " + s.key()) && output(0).contains("LISTED " + b.key())
                        && booted.isAlive(), () -> "the first run took its baselines (seed " + seed + "): " + output(0));
                Script script = new Script(sim, admin, random, Map.of(CHANNEL, s, CHAT, b), first);
                Set<Integer> kills = pick(random, KILLS, Set.of());
                Set<Integer> drops = pick(random, 3, kills);
                Set<Integer> losses = pick(random, 2, union(kills, drops));
                for (int i = 0; i < CHANGES; i++) {
                    if (i % 20 == 0 && i > 0) {
                        // Keep pace with the watch, so that kills fall among reads and deliveries.
                        long size = Files.size(log);
                        Process current = child;
                        await(() -> sizeOf(log) > size || !current.isAlive(), () -> "the watch delivers");
                    }
                    script.next();
                    if (kills.contains(i)) {
                        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                        child = child(sim, groups, log, ++run);
                    }
                    if (drops.contains(i)) {
                        sim.dropPushes(5);
                    }
                    if (losses.contains(i)) {
                        sim.dropConnections();
                        // The script's own client loses its connection too: a read (retried) finds out,
                        // so that its next approval is not written into the closed one.
                        Script.check(admin.members(b) instanceof io.groupkit.core.Members, "the script's client reconnects");
                    }
                }
                Map<String, Integer> expected = script.expected();
                int last = run;
                await(() -> delivered(log).equals(expected), () -> "every change delivered (seed " + seed + "): missing "
                        + missing(expected, delivered(log)) + ", extra " + missing(delivered(log), expected) + "\n"
                        + output(last));
                child.getOutputStream().close();
                child.waitFor(30, TimeUnit.SECONDS);
                List<String[]> lines = lines(log);
                long repeats = lines.size() - lines.stream().map(l -> l[0]).distinct().count();
                assertTrue(repeats <= KILLS, "at most the event under way at each kill is delivered again, got " + repeats
                        + " repeats (seed " + seed + ")");
                for (String[] l : lines) {
                    if (l[1].equals("JOINED") && script.personal.containsKey(key(l))) {
                        String made = script.personal.get(key(l));
                        if (l[2].equals(s.key())) {
                            assertEquals(made, l[5], "a join through a personal link names it (seed " + seed + ")");
                        }
                    }
                }
                assertEquals(CHANGES, script.made, "the script made every change");
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
    }

    /** What the script did to the two groups: the changes, by group, kind and person. */
    private static final class Script {
        private final TelegramSimulator sim;
        private final TelegramClient admin;
        private final Random random;
        private final Map<Long, TelegramGroup> groups;
        private final Map<Long, Set<Long>> members = new HashMap<>();
        private final Map<String, Integer> expected = new TreeMap<>();
        private final Map<String, String> personal = new HashMap<>(); // "group member" -> the last personal link
        private final Map<Long, String> shared = new HashMap<>();
        private long nextPerson = 200;
        int made;

        Script(TelegramSimulator sim, TelegramClient admin, Random random, Map<Long, TelegramGroup> groups, long[] first) {
            this.sim = sim;
            this.admin = admin;
            this.random = random;
            this.groups = groups;
            for (long g : groups.keySet()) {
                Set<Long> m = new LinkedHashSet<>();
                for (long u : first) {
                    m.add(u);
                }
                members.put(g, m);
            }
        }

        void next() {
            long g = random.nextBoolean() ? CHANNEL : CHAT;
            TelegramGroup group = groups.get(g);
            Set<Long> in = members.get(g);
            int roll = random.nextInt(100);
            if (in.size() > 3 && roll < 35) {
                long u = in.stream().skip(random.nextInt(in.size())).findFirst().orElseThrow();
                in.remove(u);
                if (roll < 20) {
                    sim.leave(g, u);
                    expect(group, "LEFT", u);
                } else {
                    sim.removedBy(g, u, OTHER_ADMIN);
                    expect(group, "REMOVED", u);
                }
                made++;
                return;
            }
            long u = nextPerson++;
            if (roll < 65) {
                String link = url(admin.inviteLink(group, TelegramClient.user(u, sim.accessHash(u))));
                personal.put(group.key() + " " + u, link);
                check(sim.joinByLink(link, u).isEmpty(), "a personal link lets its person in");
            } else if (roll < 75) {
                String link = shared.computeIfAbsent(g, k -> url(admin.inviteLink(group)));
                check(sim.joinByLink(link, u).isEmpty(), "the shared link lets people in");
            } else if (roll < 88) {
                sim.addedBy(g, u, OTHER_ADMIN);
            } else {
                sim.requestToJoin(g, u);
                io.groupkit.core.DecisionResult r = admin.decideJoinRequest(group, TelegramClient.user(u, sim.accessHash(u)),
                        JoinDecision.APPROVE);
                check(r instanceof io.groupkit.core.Done, "the request is approved: " + r);
            }
            in.add(u);
            expect(group, "JOINED", u);
            made++;
        }

        private void expect(TelegramGroup group, String kind, long user) {
            expected.merge(group.key() + " " + kind + " " + user, 1, Integer::sum);
        }

        Map<String, Integer> expected() {
            return expected;
        }

        private static String url(io.groupkit.core.InviteLinkResult r) {
            if (r instanceof InviteLink l) {
                return l.url();
            }
            throw new AssertionError("expected a link, got " + r);
        }

        static void check(boolean ok, String what) {
            if (!ok) {
                throw new AssertionError(what);
            }
        }
    }

    private Process child(TelegramSimulator sim, String groups, Path log, int run) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                WatchMemberJvm.class.getName(), sim.sessionString(), dir.resolve("store").toString(), groups,
                log.toString(), "100");
        File out = dir.resolve("run-" + run + ".txt").toFile();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out).start();
        children.add(p);
        return p;
    }

    private String output(int run) {
        try {
            Path p = dir.resolve("run-" + run + ".txt");
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The distinct events delivered, by group, kind and person (the person's user id). */
    private static Map<String, Integer> delivered(Path log) {
        Map<String, Integer> seen = new TreeMap<>();
        Set<String> ids = new LinkedHashSet<>();
        for (String[] l : lines(log)) {
            if (ids.add(l[0]) && !l[1].equals(EventKind.JOIN_REQUESTED.name())) {
                seen.merge(l[2] + " " + l[1] + " " + userId(l[3]), 1, Integer::sum);
            }
        }
        return seen;
    }

    private static String key(String[] line) {
        return line[2] + " " + userId(line[3]);
    }

    private static String userId(String member) {
        int colon = member.indexOf(':');
        return colon < 0 ? member : member.substring(0, colon);
    }

    private static List<String[]> lines(Path log) {
        try {
            List<String[]> out = new ArrayList<>();
            String text = Files.readString(log, StandardCharsets.UTF_8);
            // Only whole lines: a live watcher may be writing the last one. A line torn by a kill still
            // fails the test, since the next run's line joins onto it.
            int end = text.lastIndexOf('\n');
            for (String line : (end < 0 ? "" : text.substring(0, end)).split("\n")) {
                if (!line.isBlank()) {
                    out.add(line.split(" "));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Integer> missing(Map<String, Integer> want, Map<String, Integer> got) {
        Map<String, Integer> m = new TreeMap<>();
        want.forEach((k, v) -> {
            int short_ = v - got.getOrDefault(k, 0);
            if (short_ > 0) {
                m.put(k, short_);
            }
        });
        return m;
    }

    private static Set<Integer> pick(Random random, int n, Set<Integer> taken) {
        Set<Integer> out = new LinkedHashSet<>();
        while (out.size() < n) {
            int i = 10 + random.nextInt(CHANGES - 20);
            if (!taken.contains(i)) {
                out.add(i);
            }
        }
        return out;
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }

    /** Waits for a condition polled every 20 ms; fails after 90 s with the message. */
    private static void await(BooleanSupplier done, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what.get());
            }
            Thread.sleep(20);
        }
    }
}
