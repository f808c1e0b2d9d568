package io.groupkit.benchmarks;

import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.Policies;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.events.WatchListener;
import io.groupkit.core.events.WatchProblem;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A watch of 50 Green-API groups beside a 500-person bulk add on the same instance, against the
 * simulator enforcing Green-API's documented rates (getGroupData 1/s, addGroupParticipant 10/s,
 * checkWhatsapp 10/s per instance; 429 above them). The same bulk runs twice in one program, each
 * on a fresh simulator and client with default policies: alone, and while the watch runs. In both
 * runs the simulator scripts a membership change in the watched groups every second of the bulk
 * (joins of new people and leaves of first members, in the groups in a shuffled order), so the two runs
 * differ only by the watch. Prints a Markdown table: the bulk's rate (adds/s) in both runs, 429s,
 * the watch's getGroupData requests, and how fresh its events were (from the scripted change to the
 * handler's call).
 *
 * <p>Time: the simulator and the client run on one {@link ScaledTime}; a bulk and a watch are two
 * independent actors, which virtual time (waits completing at once) cannot keep in step. Speed 1 is
 * the wall clock (about 6.5 minutes: the watch's first round of 50 listings, at the watch's half of
 * getGroupData's 1/s, takes two minutes before the bulk starts); {@code speed} runs the same
 * schedule faster, reading loopback latency as {@code speed} times longer.
 *
 * <p>Usage: {@code WatchPacing [speed]}.
 */
public final class WatchPacing {
    private static final String ID = "1101000001";
    private static final String TOKEN = "benchToken";
    private static final int WATCHED = 50;
    private static final int PEOPLE = 500;
    private static final int FIRST_MEMBERS = 30;
    private static final Duration SCRIPT_EVERY = Duration.ofSeconds(1);
    private static final String BULK_GROUP = "120363043968066999@g.us";

    private WatchPacing() {
    }

    /**
     * Runs both measurements.
     *
     * @param args optional: the speed of time (default 1, the wall clock)
     * @throws Exception if interrupted
     */
    public static void main(String[] args) throws Exception {
        double speed = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        Result alone = run(speed, false);
        Result watched = run(speed, true);
        System.out.println("| run | adds (added) | bulk time | bulk rate | 429s | getGroupData: watch / bulk"
                + " (during the bulk) | changes scripted → delivered (twice) | freshness median / p90 / max"
                + " | watch pause: start → max → end | watch problems |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        alone.print("bulk alone");
        watched.print("bulk + watch of " + WATCHED + " groups");
        System.out.printf("%nbulk rate with the watch / alone: %.3f (speed %.0f)%n", watched.rate / alone.rate, speed);
    }

    private static String watchedGroup(int g) {
        return String.format("1203630439681%05d@g.us", g);
    }

    private static String firstMember(int g, int m) {
        return String.format("7902%03d%04d@c.us", g, m);
    }

    private static Result run(double speed, boolean watch) throws Exception {
        ScaledTime time = new ScaledTime(speed);
        Result result = new Result();
        try (GreenApiSimulator sim = GreenApiSimulator.start(time)) {
            GreenApiSimulator.Instance inst = sim.instance(ID, TOKEN);
            inst.group(BULK_GROUP);
            List<GroupRef> groups = new ArrayList<>();
            for (int g = 0; g < WATCHED; g++) {
                int group = g;
                inst.group(watchedGroup(g), IntStream.range(0, FIRST_MEMBERS).mapToObj(m -> firstMember(group, m))
                        .toArray(String[]::new));
                groups.add(GroupRef.of(watchedGroup(g)));
            }
            GreenApiClient client = GreenApi.builder().apiUrl(sim.url()).instance(ID, TOKEN)
                    .policies(Policies.builder().time(time).build()).build();
            Map<String, Long> scripted = new ConcurrentHashMap<>();
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "watch");
                t.setDaemon(true);
                return t;
            });
            MembershipWatch w = null;
            if (watch) {
                Set<String> baselined = ConcurrentHashMap.newKeySet();
                WatchListener listener = new WatchListener() {
                    @Override
                    public void listed(GroupRef group, int members, int events, Duration took) {
                        baselined.add(group.key());
                    }

                    @Override
                    public void problem(WatchProblem problem) {
                        result.problems.add(problem.kind().name());
                    }

                    @Override
                    public void paceChanged(Duration pause) {
                        result.pauses.add(pause);
                    }
                };
                w = client.watch().groups(groups).executor(executor).listener(listener).owner("bench")
                        .start(event -> delivered(event, time, scripted, result));
                result.pauses.add(w.pause());
                // The first listing of a group is its baseline: changes before it are not reported.
                // Bounded: three rounds at the watch's first pause, then the bulk starts whatever was listed.
                long baselineBy = System.nanoTime() + (long) (3 * WATCHED * w.pause().toNanos() / speed);
                while (baselined.size() < WATCHED && System.nanoTime() < baselineBy) {
                    Thread.sleep(50);
                }
                if (baselined.size() < WATCHED) {
                    System.err.printf("only %d of %d groups listed before the bulk%n", baselined.size(), WATCHED);
                }
            }
            int before = sim.requests().size();
            AtomicBoolean bulkDone = new AtomicBoolean();
            Thread script = new Thread(() -> script(inst, time, scripted, bulkDone), "script");
            script.setDaemon(true);
            List<Member> people = IntStream.range(0, PEOPLE)
                    .<Member>mapToObj(i -> Member.phone(String.format("+7901%07d", i))).toList();
            long start = time.nanoTime();
            script.start();
            BulkReport report = client.addAll(GroupRef.of(BULK_GROUP), people, BulkOptions.defaults());
            long end = time.nanoTime();
            bulkDone.set(true);
            script.join();
            result.added = report.count(OutcomeKind.ADDED);
            result.seconds = (end - start) / 1e9;
            List<GreenApiSimulator.Request> during = sim.requests().subList(before, sim.requests().size());
            List<Long> adds = during.stream().filter(r -> r.method().equals("addGroupParticipant"))
                    .map(GreenApiSimulator.Request::atNanos).toList();
            result.adds = adds.size();
            result.rate = (adds.size() - 1) / ((adds.get(adds.size() - 1) - adds.get(0)) / 1e9);
            result.scripted = scripted.size();
            if (w != null) {
                // Wait for the changes made during the bulk: at most three rounds of listings, and 7 minutes.
                long rounds = Math.min(3 * WATCHED * w.pause().toNanos(), Duration.ofMinutes(7).toNanos());
                long deadline = System.nanoTime() + (long) (rounds / speed);
                while (result.delays.size() < scripted.size() && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                result.pauses.add(w.pause());
                w.close();
            }
            List<GreenApiSimulator.Request> reads = sim.requests().stream()
                    .filter(r -> r.method().equals("getGroupData")).toList();
            result.watchReads = (int) reads.stream().filter(r -> !r.body().contains(BULK_GROUP)).count();
            result.watchReadsDuringBulk = (int) reads.stream()
                    .filter(r -> !r.body().contains(BULK_GROUP) && r.atNanos() >= start && r.atNanos() <= end).count();
            result.bulkReads = reads.size() - result.watchReads;
            result.rejections = sim.rateRejections();
            result.rejectedBy = rejectedBy(sim.requests());
            executor.shutdownNow();
            client.close();
        }
        return result;
    }

    /** One change a second while the bulk runs: a newcomer joins, or a first member leaves, in the next group. */
    private static void script(GreenApiSimulator.Instance inst, ScaledTime time, Map<String, Long> scripted,
                               AtomicBoolean bulkDone) {
        // Groups in a shuffled order (the same each run), so that changes fall at every point of the watch's round.
        List<Integer> order = new ArrayList<>(IntStream.range(0, WATCHED).boxed().toList());
        Collections.shuffle(order, new java.util.Random(23));
        int k = 0;
        while (!bulkDone.get()) {
            int g = order.get(k % WATCHED);
            int round = k / WATCHED;
            String group = watchedGroup(g);
            if (round % 2 == 0) {
                String chatId = String.format("7903%03d%04d@c.us", g, round);
                inst.joins(group, chatId);
                scripted.put(key(group, chatId, true), time.nanoTime());
            } else {
                String chatId = firstMember(g, round);
                inst.leaves(group, chatId);
                scripted.put(key(group, chatId, false), time.nanoTime());
            }
            k++;
            time.delay(SCRIPT_EVERY).toCompletableFuture().join();
        }
    }

    private static String key(String group, String member, boolean joined) {
        return group + " " + member.replaceAll("\\D", "") + (joined ? " joined" : " left");
    }

    private static void delivered(MembershipEvent event, ScaledTime time, Map<String, Long> scripted, Result result) {
        String key = key(event.group().key(), event.member().value(), event instanceof Joined);
        Long at = scripted.get(key);
        if (at == null) {
            result.unexpected.incrementAndGet();
        } else if (!result.seen.add(key)) {
            result.twice.incrementAndGet();
        } else {
            result.delays.add(Duration.ofNanos(time.nanoTime() - at));
        }
    }

    private static final class Result {
        final List<Duration> delays = new CopyOnWriteArrayList<>();
        final Set<String> seen = ConcurrentHashMap.newKeySet();
        final AtomicInteger twice = new AtomicInteger();
        final AtomicInteger unexpected = new AtomicInteger();
        final List<Duration> pauses = new CopyOnWriteArrayList<>();
        final List<String> problems = new CopyOnWriteArrayList<>();
        int adds;
        int added;
        double seconds;
        double rate;
        int scripted;
        int rejections;
        Map<String, Integer> rejectedBy = Map.of();
        int watchReads;
        int watchReadsDuringBulk;
        int bulkReads;

        void print(String name) {
            List<Duration> sorted = new ArrayList<>(delays);
            Collections.sort(sorted);
            String fresh = sorted.isEmpty() ? "—" : String.format("%.1f s / %.1f s / %.1f s",
                    seconds(sorted.get(sorted.size() / 2)), seconds(sorted.get((int) (sorted.size() * 0.9))),
                    seconds(sorted.get(sorted.size() - 1)));
            String pace = pauses.isEmpty() ? "—" : String.format("%.2f s → %.2f s → %.2f s", seconds(pauses.get(0)),
                    pauses.stream().mapToDouble(WatchPacing::seconds).max().orElse(0), seconds(pauses.get(pauses.size() - 1)));
            System.out.printf("| %s | %d (%d) | %.1f s | %.2f adds/s | %s | %d (%d) / %d | %d → %s (%d; %d unexpected)"
                            + " | %s | %s | %s |%n",
                    name, adds, added, seconds, rate, rejections + (rejectedBy.isEmpty() ? "" : " " + rejectedBy), watchReads, watchReadsDuringBulk, bulkReads, scripted,
                    pauses.isEmpty() ? "not watched" : Integer.toString(delays.size()), twice.get(), unexpected.get(),
                    fresh, pace, problems.isEmpty() ? "none" : String.join(", ", problems));
        }
    }

    /**
     * Which methods the 429s were of: the simulator's own rule (at most the documented number of
     * accepted requests of a method in any second) replayed over the recorded arrivals.
     */
    private static Map<String, Integer> rejectedBy(List<GreenApiSimulator.Request> requests) {
        Map<String, Integer> rates = Map.of("getGroupData", 1, "addGroupParticipant", 10, "checkWhatsapp", 10);
        Map<String, java.util.ArrayDeque<Long>> windows = new java.util.HashMap<>();
        Map<String, Integer> rejected = new java.util.TreeMap<>();
        for (GreenApiSimulator.Request r : requests) {
            Integer rate = rates.get(r.method());
            if (rate == null) {
                continue;
            }
            java.util.ArrayDeque<Long> w = windows.computeIfAbsent(r.method(), m -> new java.util.ArrayDeque<>());
            while (!w.isEmpty() && r.atNanos() - w.peekFirst() >= 1_000_000_000L) {
                w.pollFirst();
            }
            if (w.size() >= rate) {
                rejected.merge(r.method(), 1, Integer::sum);
                // For the record: the accepted arrivals of the window it fell in, in ms after the first.
                long first = w.peekFirst();
                System.err.printf("429 %s at +%.0f ms after the window's first; window: %s%n", r.method(),
                        (r.atNanos() - first) / 1e6, w.stream().map(t -> String.format("%.0f", (t - first) / 1e6)).toList());
            } else {
                w.addLast(r.atNanos());
            }
        }
        return rejected;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
