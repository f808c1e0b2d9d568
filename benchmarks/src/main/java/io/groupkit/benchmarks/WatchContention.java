package io.groupkit.benchmarks;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Members;
import io.groupkit.core.Policies;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.events.WatchListener;
import io.groupkit.core.events.WatchProblem;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A watch of 10 Green-API groups while the application itself lists another group of the same
 * instance as fast as the client lets it, from 1 and then from 4 threads: every listing
 * ({@code getGroupData}, 1/s per instance) competes for the same budget. Does the watch slow down
 * ({@code Pace}), keep a listing going, and stay clear of 429s? On the wall clock (a watch and the
 * application's callers are independent actors); about 3 minutes. Prints a Markdown table.
 *
 * <p>Usage: {@code WatchContention [seconds per run]} (default 60).
 */
public final class WatchContention {
    private static final String ID = "1101000001";
    private static final String TOKEN = "benchToken";
    private static final int WATCHED = 10;
    private static final String APP_GROUP = "120363043968066998@g.us";

    private WatchContention() {
    }

    /**
     * Runs the measurement with 1 and with 4 application callers.
     *
     * @param args optional: seconds of contention per run
     * @throws Exception if interrupted
     */
    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        System.out.println("| application callers | app listings (per s) | watch listings (per s) | 429s (getGroupData)"
                + " | watch pause: start → max → end | pause changes | watch problems |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (int callers : new int[] {1, 4}) {
            run(callers, seconds);
        }
    }

    private static String group(int g) {
        return String.format("1203630439683%05d@g.us", g);
    }

    private static void run(int callers, int seconds) throws Exception {
        try (GreenApiSimulator sim = GreenApiSimulator.start()) {
            GreenApiSimulator.Instance inst = sim.instance(ID, TOKEN);
            inst.group(APP_GROUP, "79040000001@c.us");
            List<GroupRef> groups = new ArrayList<>();
            for (int g = 0; g < WATCHED; g++) {
                inst.group(group(g), String.format("7904%03d0001@c.us", g));
                groups.add(GroupRef.of(group(g)));
            }
            GreenApiClient client = GreenApi.builder().apiUrl(sim.url()).instance(ID, TOKEN)
                    .policies(Policies.builder().build()).build();
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "watch");
                t.setDaemon(true);
                return t;
            });
            Set<String> baselined = ConcurrentHashMap.newKeySet();
            List<Duration> pauses = new CopyOnWriteArrayList<>();
            List<String> problems = new CopyOnWriteArrayList<>();
            MembershipWatch watch = client.watch().groups(groups).executor(executor).owner("bench")
                    .listener(new WatchListener() {
                        @Override
                        public void listed(GroupRef group, int members, int events, Duration took) {
                            baselined.add(group.key());
                        }

                        @Override
                        public void paceChanged(Duration pause) {
                            pauses.add(pause);
                        }

                        @Override
                        public void problem(WatchProblem problem) {
                            problems.add(problem.kind().name());
                        }
                    }).start(event -> { });
            pauses.add(watch.pause());
            long baselineBy = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (baselined.size() < WATCHED && System.nanoTime() < baselineBy) {
                Thread.sleep(50);
            }
            int before = sim.requests().size();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger appListings = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            IntStream.range(0, callers).forEach(i -> {
                Thread t = new Thread(() -> {
                    while (!stop.get()) {
                        if (client.members(GroupRef.of(APP_GROUP)) instanceof Members) {
                            appListings.incrementAndGet();
                        }
                    }
                }, "app-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            });
            Thread.sleep(seconds * 1000L);
            stop.set(true);
            for (Thread t : threads) {
                t.join(10_000);
            }
            List<GreenApiSimulator.Request> during = sim.requests().subList(before, sim.requests().size());
            long watchReads = during.stream().filter(r -> r.method().equals("getGroupData") && !r.body().contains(APP_GROUP)).count();
            pauses.add(watch.pause());
            watch.close();
            executor.shutdownNow();
            System.out.printf("| %d | %d (%.2f/s) | %d (%.2f/s) | %d | %.2f s → %.2f s → %.2f s | %d | %s |%n", callers,
                    appListings.get(), appListings.get() / (double) seconds, watchReads, watchReads / (double) seconds,
                    sim.rateRejections(), pauses.get(0).toNanos() / 1e9,
                    pauses.stream().mapToLong(Duration::toNanos).max().orElse(0) / 1e9,
                    pauses.get(pauses.size() - 1).toNanos() / 1e9, pauses.size() - 2,
                    problems.isEmpty() ? "none" : String.join(", ", problems));
            client.close();
        }
    }
}
