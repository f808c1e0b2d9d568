package io.groupkit.fleet;

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
import io.groupkit.telegram.bot.TelegramBot;
import io.groupkit.telegram.bot.TelegramBotChat;
import io.groupkit.telegram.bot.TelegramBotClient;
import io.groupkit.testkit.telegrambot.BotApiSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two JVMs watch the same bot through one PostgreSQL store while 100 membership changes are
 * scripted on the Bot API simulator: only the holder of the account's events lease reads
 * {@code getUpdates} (the simulator would answer a second poller, or the one it overtook, 409 and
 * the watch would report it), each change is delivered once across both JVMs' logs, and when the
 * holder is killed with SIGKILL the other takes over once its lease has run out, losing nothing.
 */
class BotWatchFleetTest {
    private static final long A = -1001000000011L;
    private static final long B = -1001000000012L;
    private static final long OTHER_ADMIN = 99;
    private static final int CHANGES = 100;
    private static final long INTERVAL_MS = 100;
    private static final long LEASE_MS = 1_500;
    private static final long POLL_SECONDS = 1;

    @TempDir
    Path dir;

    @Test
    void oneBotOnePollerAtATimeAndTheOtherTakesOverTheDeadOnes() throws Exception {
        long started = System.nanoTime();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String db = Postgres.sharedDatabase("bot_fleet_" + Long.toHexString(System.nanoTime()));
        RateLimiter unpaced = (key, limit, now) -> Duration.ZERO;
        List<Process> watchers = new ArrayList<>();
        Jvms jvms = new Jvms(dir);
        try (BotApiSimulator sim = BotApiSimulator.start();
             TelegramBotClient admin = TelegramBot.builder().token(sim.token()).apiUrl(sim.apiUrl())
                     .policies(Policies.builder().rateLimiter(unpaced).build()).build()) {
            long[] first = {100, 101, 102, 103, 104, 105, 106, 107, 108, 109};
            sim.supergroup(A, first).supergroup(B, first).user(OTHER_ADMIN, "other_admin");
            List<Path> logs = List.of(dir.resolve("events-0.log"), dir.resolve("events-1.log"));
            for (int w = 0; w < 2; w++) {
                watchers.add(jvms.startQuick(w, BotWatchMember.class, db, sim.apiUrl(), sim.token(), A + "," + B,
                        "bot-" + w, logs.get(w).toString(), Long.toString(INTERVAL_MS), Long.toString(LEASE_MS),
                        Long.toString(POLL_SECONDS)));
            }
            for (int w = 0; w < 2; w++) {
                jvms.awaitOutput(w, watchers.get(w), "WATCHING");
            }
            // The holder's first read (offset -1) asks for chat_member; its second waits in a long poll.
            WatchScenario.await(() -> sim.longPollsWaiting() == 1, 60, () -> "a long poll waits: " + outputs(jvms));
            int holder = output(jvms, 0).contains("TAKEN ") ? 0 : 1;
            int other = 1 - holder;
            Script script = new Script(sim, admin, random, first);
            for (int i = 0; i < CHANGES / 2; i++) {
                script.next();
            }
            // Kill the holder at a random moment among its deliveries of the first half (or after them).
            int killAfter = 1 + random.nextInt(CHANGES / 2);
            WatchScenario.await(() -> lines(logs.get(holder)).size() >= killAfter, 60, () -> "the holder delivers: "
                    + outputs(jvms));
            long leaseUntil = leaseUntilMillis(db, "bot-" + holder);
            long killedAt = System.currentTimeMillis();
            watchers.get(holder).destroyForcibly(); // SIGKILL
            assertTrue(watchers.get(holder).waitFor(30, TimeUnit.SECONDS));
            for (int i = CHANGES / 2; i < CHANGES; i++) {
                script.next();
            }
            WatchScenario.await(() -> delivered(logs).equals(script.expected), 60, () -> "every change delivered (seed "
                    + seed + "): missing " + missing(script.expected, delivered(logs)) + ", extra "
                    + missing(delivered(logs), script.expected) + outputs(jvms));
            watchers.get(other).getOutputStream().close();
            assertTrue(watchers.get(other).waitFor(30, TimeUnit.SECONDS));

            List<String[]> all = new ArrayList<>(lines(logs.get(0)));
            all.addAll(lines(logs.get(1)));
            long ids = all.stream().map(l -> l[0]).distinct().count();
            long repeats = all.size() - ids;
            long takenAt = output(jvms, other).lines().filter(l -> l.startsWith("TAKEN ")).mapToLong(l -> time(l))
                    .min().orElseThrow(() -> new AssertionError("the survivor took the lease: " + outputs(jvms)));
            List<long[]> holderPolls = polls(output(jvms, holder), killedAt);
            List<long[]> otherPolls = polls(output(jvms, other), Long.MAX_VALUE);
            long getUpdates = sim.calls().stream().filter("getUpdates"::equals).count();
            System.out.printf("bot watch fleet: 2 JVMs, %d changes (%d events), %d deliveries (%d repeats); holder %d"
                    + " killed after %d deliveries with its lease running %d ms more, the other took over %d ms after"
                    + " the kill; getUpdates: %d by the holder, %d by the other, %d at the simulator; %.1f s (seed %d)%n",
                    script.made, ids, all.size(), repeats, holder, killAfter, leaseUntil - killedAt, takenAt - killedAt,
                    holderPolls.size(), otherPolls.size(), getUpdates, (System.nanoTime() - started) / 1e9, seed);

            assertEquals(CHANGES, script.made);
            assertTrue(repeats <= 1, "at most the event under way at the kill is delivered again: " + repeats);
            Map<String, Set<String>> idsOf = new HashMap<>();
            all.forEach(l -> idsOf.computeIfAbsent(l[1] + " " + l[2] + " " + l[3], k -> new LinkedHashSet<>()).add(l[0]));
            idsOf.forEach((change, id) -> assertEquals(1, id.size(), "one id for " + change + ": " + id));
            for (int w = 0; w < 2; w++) {
                int watcher = w;
                assertTrue(output(jvms, w).lines().noneMatch(l -> l.startsWith("PROBLEM")),
                        () -> "no problem (a 409 from a second poller would be one) in watcher " + watcher + ": "
                                + output(jvms, watcher));
            }
            assertTrue(output(jvms, other).lines().filter(l -> l.startsWith("POLLING ")).allMatch(l -> time(l) >= takenAt),
                    "the other read nothing before it took the lease");
            // One poller at a time: no read of one overlaps a read of the other (the killed one's last
            // read, if unanswered, lasted until the kill or its poll timeout at the server).
            for (long[] h : holderPolls) {
                for (long[] o : otherPolls) {
                    assertTrue(h[1] <= o[0] || o[1] <= h[0], "reads overlap: " + h[0] + ".." + h[1] + " and " + o[0]
                            + ".." + o[1]);
                }
            }
            assertTrue(getUpdates <= holderPolls.size() + otherPolls.size() && getUpdates >= holderPolls.size()
                    + otherPolls.size() - 1, "every getUpdates at the simulator is one of the lease holders' reads");
            assertTrue(holderPolls.size() > 1 && !otherPolls.isEmpty(), "both read in turn");
            assertTrue(takenAt >= leaseUntil, "the other waited for the dead one's lease to run out");
            assertTrue(takenAt - leaseUntil < 3 * LEASE_MS + 1_000, "the other took over within a lease of its end: "
                    + (takenAt - leaseUntil) + " ms");
        } finally {
            watchers.forEach(Process::destroyForcibly);
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
            if (roll >= 85 && roll < 90) {
                sim.requestToJoin(g, u); // left pending
                expect(chat, "JOIN_REQUESTED", u);
                return;
            }
            if (roll < 60) {
                check(sim.joinByLink(url(admin.inviteLink(chat, Member.userId(u))), u).isEmpty(), "a personal link");
            } else if (roll < 70) {
                check(sim.joinByLink(url(admin.inviteLink(chat)), u).isEmpty(), "the shared link");
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

    /** A watcher's reads as [start, end] in wall-clock ms; one not answered ends at {@code cut} or its poll timeout. */
    private static List<long[]> polls(String output, long cut) {
        List<long[]> out = new ArrayList<>();
        long open = -1;
        for (String l : output.lines().toList()) {
            if (l.startsWith("POLLING ")) {
                open = time(l);
            } else if (l.startsWith("POLLED ") && open >= 0) {
                out.add(new long[] {open, time(l)});
                open = -1;
            }
        }
        if (open >= 0) {
            out.add(new long[] {open, Math.max(cut, open + POLL_SECONDS * 1_000)});
        }
        return out;
    }

    private static long time(String line) {
        return Long.parseLong(line.split(" ")[1]);
    }

    /** The distinct events delivered across the logs (first delivery of each id), by kind, group and person. */
    private static Map<String, Integer> delivered(List<Path> logs) {
        Map<String, Integer> seen = new TreeMap<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Path log : logs) {
            for (String[] l : lines(log)) {
                if (ids.add(l[0])) {
                    seen.merge(l[1] + " " + l[2] + " " + l[3], 1, Integer::sum);
                }
            }
        }
        return seen;
    }

    private static List<String[]> lines(Path log) {
        try {
            if (!Files.exists(log)) {
                return List.of();
            }
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

    /** When the owner's lease on the bot's events ends, by the database's row and this machine's clock. */
    private static long leaseUntilMillis(String url, String owner) throws Exception {
        try (Connection c = DriverManager.getConnection(url);
             PreparedStatement st = c.prepareStatement("SELECT max(lease_until) FROM "
                     + JdbcMembershipStore.DEFAULT_SCOPES + " WHERE owner = ?")) {
            st.setString(1, owner);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                return rs.getObject(1, OffsetDateTime.class).toInstant().toEpochMilli();
            }
        }
    }

    private static String output(Jvms jvms, int w) {
        return WatchCrashTest.output(jvms, w);
    }

    private static String outputs(Jvms jvms) {
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < 2; w++) {
            String out = output(jvms, w);
            b.append("\n--- watcher ").append(w).append(": ").append(out, Math.max(0, out.length() - 2_000), out.length());
        }
        return b.toString();
    }
}
