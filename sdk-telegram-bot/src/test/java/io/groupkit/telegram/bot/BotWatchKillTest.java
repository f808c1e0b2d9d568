package io.groupkit.telegram.bot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.DecisionResult;
import io.groupkit.core.Done;
import io.groupkit.core.InviteLink;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.JoinDecision;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.RateLimiter;
import io.groupkit.testkit.telegrambot.BotApiSimulator;
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
 * A watch over the bot in a child JVM (the core's push-only watch: {@code getUpdates} with a long
 * poll, the offset saved as the cursor in a directory store) while 500 membership changes are
 * scripted on the Bot API simulator in two supergroups: joins by personal links and a shared link,
 * approved requests, adds and removals by another admin, leaves, promotions and join requests left
 * pending. The child is killed with SIGKILL at 3 random moments and started again each time. In
 * the end every change was delivered once, under one event id (the only repeats are deliveries of
 * the id under way at a kill), and every join through a personal link names that link.
 */
class BotWatchKillTest {
    private static final long A = -1001000000001L;
    private static final long B = -1001000000002L;
    private static final long OTHER_ADMIN = 99;
    private static final int CHANGES = 500;
    private static final int KILLS = 3;
    private static final long INTERVAL_MS = 100;
    private static final long POLL_SECONDS = 1;

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @Test
    void threeKillsLoseNothingAndRepeatOnlyTheEventUnderWay() throws Exception {
        long started = System.nanoTime();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path log = dir.resolve("events.log");
        Files.createFile(log);
        RateLimiter unpaced = (key, limit, now) -> Duration.ZERO;
        try (BotApiSimulator sim = BotApiSimulator.start();
             TelegramBotClient admin = TelegramBot.builder().token(sim.token()).apiUrl(sim.apiUrl())
                     .policies(Policies.builder().rateLimiter(unpaced).build()).build()) {
            long[] first = new long[10];
            for (int i = 0; i < first.length; i++) {
                first[i] = 100 + i;
            }
            sim.supergroup(A, first).supergroup(B, first).user(OTHER_ADMIN, "other_admin");
            int run = 0;
            Process child = child(sim, log, run);
            // The child's first read (offset -1) asks for chat_member; its second is a long poll from the saved offset.
            await(() -> sim.longPollsWaiting() == 1, () -> "the watch waits in a long poll: " + output(0));
            Script script = new Script(sim, admin, random, first);
            Set<Integer> kills = new LinkedHashSet<>();
            while (kills.size() < KILLS) {
                kills.add(20 + random.nextInt(CHANGES - 40));
            }
            for (int i = 0; i < CHANGES; i++) {
                if (i % 25 == 0 && i > 0) {
                    // Keep pace with the watch, so that kills fall among reads and deliveries.
                    long size = Files.size(log);
                    Process current = child;
                    await(() -> sizeOf(log) > size || !current.isAlive(), () -> "the watch delivers");
                }
                script.next();
                if (kills.contains(i)) {
                    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    child = child(sim, log, ++run);
                }
            }
            Map<String, Integer> expected = script.expected;
            int last = run;
            await(() -> delivered(log).equals(expected), () -> "every change delivered (seed " + seed + "): missing "
                    + missing(expected, delivered(log)) + ", extra " + missing(delivered(log), expected) + "\n"
                    + output(last));
            child.getOutputStream().close();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            List<String[]> lines = lines(log);
            long ids = lines.stream().map(l -> l[0]).distinct().count();
            long repeats = lines.size() - ids;
            System.out.printf("bot watch kill: %d changes (%d events) in 2 supergroups, %d kills, %d deliveries of %d"
                    + " event ids (%d repeats), %d getUpdates calls, %.1f s (seed %d)%n", script.made, ids, KILLS,
                    lines.size(), ids, repeats, sim.calls().stream().filter("getUpdates"::equals).count(),
                    (System.nanoTime() - started) / 1e9, seed);
            assertEquals(CHANGES, script.made, "the script made every change");
            assertTrue(repeats <= KILLS, "at most the event under way at each kill is delivered again, got " + repeats
                    + " repeats (seed " + seed + ")");
            Map<String, Set<String>> idsOf = new HashMap<>();
            for (String[] l : lines) {
                idsOf.computeIfAbsent(l[1] + " " + l[2] + " " + l[3], k -> new LinkedHashSet<>()).add(l[0]);
                if (l[1].equals("JOINED") && script.personal.containsKey(l[2] + " " + l[3])) {
                    assertEquals(script.personal.get(l[2] + " " + l[3]), l[5], "a join through a personal link names it");
                }
            }
            idsOf.forEach((change, id) -> assertEquals(1, id.size(), "one id for " + change + ": " + id));
            for (int r = 0; r <= last; r++) {
                assertTrue(output(r).lines().noneMatch(l -> l.startsWith("PROBLEM")), "no problem in run " + r + ": "
                        + output(r));
            }
        } finally {
            children.forEach(Process::destroyForcibly);
        }
    }

    /** What the script did: the changes, by kind, group and person. */
    private static final class Script {
        private final BotApiSimulator sim;
        private final TelegramBotClient admin;
        private final Random random;
        private final Map<Long, Set<Long>> members = new HashMap<>();
        private final Map<Long, Set<Long>> admins = new HashMap<>();
        final Map<String, Integer> expected = new TreeMap<>();
        final Map<String, String> personal = new HashMap<>(); // "group member" -> its personal link
        private final Map<Long, String> shared = new HashMap<>();
        private long nextPerson = 200;
        int made;

        Script(BotApiSimulator sim, TelegramBotClient admin, Random random, long[] first) {
            this.sim = sim;
            this.admin = admin;
            this.random = random;
            for (long g : new long[] {A, B}) {
                Set<Long> in = new LinkedHashSet<>();
                for (long u : first) {
                    in.add(u);
                }
                members.put(g, in);
                admins.put(g, new LinkedHashSet<>());
            }
        }

        void next() {
            long g = random.nextBoolean() ? A : B;
            TelegramBotChat chat = TelegramBotChat.of(g);
            Set<Long> in = members.get(g);
            int roll = random.nextInt(100);
            made++;
            if (in.size() > 5 && roll < 40) {
                long u = in.stream().skip(random.nextInt(in.size())).findFirst().orElseThrow();
                if (roll < 10 && !admins.get(g).contains(u)) {
                    sim.promote(g, u);
                    admins.get(g).add(u);
                    expect(chat, "PROMOTED", u);
                    return;
                }
                in.remove(u);
                admins.get(g).remove(u);
                if (roll < 25) {
                    sim.leave(g, u);
                    expect(chat, "LEFT", u);
                } else {
                    sim.removedBy(g, u, OTHER_ADMIN);
                    expect(chat, "REMOVED", u);
                }
                return;
            }
            long u = nextPerson++;
            if (roll < 90 && roll >= 85) {
                sim.requestToJoin(g, u); // left pending
                expect(chat, "JOIN_REQUESTED", u);
                return;
            }
            if (roll < 60) {
                String link = url(admin.inviteLink(chat, Member.userId(u)));
                personal.put(chat.key() + " " + Member.userId(u).value(), link);
                check(sim.joinByLink(link, u).isEmpty(), "a personal link lets its person in");
            } else if (roll < 70) {
                String link = shared.computeIfAbsent(g, k -> url(admin.inviteLink(chat)));
                check(sim.joinByLink(link, u).isEmpty(), "the shared link lets people in");
            } else if (roll < 85) {
                sim.addedBy(g, u, OTHER_ADMIN);
            } else {
                sim.requestToJoin(g, u);
                expect(chat, "JOIN_REQUESTED", u);
                DecisionResult r = admin.decideJoinRequest(chat, Member.userId(u), JoinDecision.APPROVE);
                check(r instanceof Done, "the request is approved: " + r);
            }
            in.add(u);
            expect(chat, "JOINED", u);
        }

        private void expect(TelegramBotChat chat, String kind, long user) {
            expected.merge(kind + " " + chat.key() + " " + Member.userId(user).value(), 1, Integer::sum);
        }

        private static String url(InviteLinkResult r) {
            if (r instanceof InviteLink l) {
                return l.url();
            }
            throw new AssertionError("expected a link, got " + r);
        }

        private static void check(boolean ok, String what) {
            if (!ok) {
                throw new AssertionError(what);
            }
        }
    }

    private Process child(BotApiSimulator sim, Path log, int run) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                BotWatchJvm.class.getName(), sim.apiUrl(), sim.token(), dir.resolve("store").toString(), A + "," + B,
                log.toString(), Long.toString(INTERVAL_MS), Long.toString(POLL_SECONDS));
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

    /** The distinct events delivered (first delivery of each id), by kind, group and person. */
    private static Map<String, Integer> delivered(Path log) {
        Map<String, Integer> seen = new TreeMap<>();
        Set<String> ids = new LinkedHashSet<>();
        for (String[] l : lines(log)) {
            if (ids.add(l[0])) {
                seen.merge(l[1] + " " + l[2] + " " + l[3], 1, Integer::sum);
            }
        }
        return seen;
    }

    private static List<String[]> lines(Path log) {
        try {
            List<String[]> out = new ArrayList<>();
            String text = Files.readString(log, StandardCharsets.UTF_8);
            // The watcher may be writing its next line as this reads: only whole lines count.
            for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
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

    /** Waits for a condition polled every 20 ms; fails after 60 s with the message. */
    private static void await(BooleanSupplier done, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what.get());
            }
            Thread.sleep(20);
        }
    }
}
