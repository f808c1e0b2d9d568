package io.groupkit.benchmarks;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Policies;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.events.WatchListener;
import io.groupkit.core.events.WatchProblem;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import io.groupkit.testkit.time.VirtualTime;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A handler that takes one second per event, under 1,000 membership changes in 20 Green-API groups
 * (the simulator enforcing the documented rates), scripted four a second: four times faster than
 * the handler takes them. Nothing may be dropped or delivered twice, and what the watch holds must
 * stay bounded while the changes pile up at the provider. Prints a Markdown table.
 *
 * <p>Virtual time: the watch is the only actor (the handler's second is a wait on the same clock,
 * and the changes are alarms on it), so the 1,000 seconds the handler takes pass in seconds of real
 * time, deterministically on one thread.
 */
public final class WatchSlowHandler {
    private static final String ID = "1101000001";
    private static final String TOKEN = "benchToken";
    private static final int GROUPS = 20;
    private static final int CHANGES = 1_000;
    private static final int FIRST_MEMBERS = 60;
    private static final Duration CHANGE_EVERY = Duration.ofMillis(250);
    private static final Duration HANDLER_TAKES = Duration.ofSeconds(1);

    private WatchSlowHandler() {
    }

    /**
     * Runs the measurement.
     *
     * @param args ignored
     * @throws Exception if interrupted
     */
    public static void main(String[] args) throws Exception {
        VirtualTime time = VirtualTime.create();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        try (GreenApiSimulator sim = GreenApiSimulator.start(time)) {
            GreenApiSimulator.Instance inst = sim.instance(ID, TOKEN);
            List<GroupRef> groups = new ArrayList<>();
            for (int g = 0; g < GROUPS; g++) {
                int group = g;
                inst.group(group(g), IntStream.range(0, FIRST_MEMBERS).mapToObj(m -> member(group, m)).toArray(String[]::new));
                groups.add(GroupRef.of(group(g)));
            }
            GreenApiClient client = GreenApi.builder().apiUrl(sim.url()).instance(ID, TOKEN)
                    .policies(Policies.builder().time(time).build()).build();
            ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "watch");
                t.setDaemon(true);
                return t;
            });
            Map<String, Long> scripted = new ConcurrentHashMap<>();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            Set<String> ids = ConcurrentHashMap.newKeySet();
            AtomicInteger twice = new AtomicInteger();
            AtomicInteger unexpected = new AtomicInteger();
            AtomicInteger maxPerListing = new AtomicInteger();
            AtomicInteger listings = new AtomicInteger();
            List<Long> heap = new CopyOnWriteArrayList<>();
            List<String> problems = new CopyOnWriteArrayList<>();
            Set<String> baselined = ConcurrentHashMap.newKeySet();
            long[] lastDelivery = new long[1];
            WatchListener listener = new WatchListener() {
                @Override
                public void listed(GroupRef group, int members, int events, Duration took) {
                    baselined.add(group.key());
                    listings.incrementAndGet();
                    maxPerListing.accumulateAndGet(events, Math::max);
                }

                @Override
                public void problem(WatchProblem problem) {
                    problems.add(problem.kind().name());
                }
            };
            MembershipWatch watch = client.watch().groups(groups).executor(executor).listener(listener).owner("bench")
                    .start(event -> {
                        String key = key(event);
                        if (!ids.add(event.id())) {
                            twice.incrementAndGet();
                        } else if (!scripted.containsKey(key)) {
                            unexpected.incrementAndGet();
                        } else {
                            seen.add(key);
                        }
                        if (seen.size() % 100 == 0) {
                            System.gc();
                            heap.add(memory.getHeapMemoryUsage().getUsed());
                        }
                        time.delay(HANDLER_TAKES).toCompletableFuture().join();
                        lastDelivery[0] = time.nanoTime();
                    });
            while (baselined.size() < GROUPS) {
                idle(time);
            }
            System.gc();
            long heapBefore = memory.getHeapMemoryUsage().getUsed();
            long start = time.nanoTime();
            int listingsBefore = listings.get();
            // The changes are alarms on the watch's clock: they happen as the handler's seconds pass.
            for (int i = 0; i < CHANGES; i++) {
                int n = i;
                time.alarm(CHANGE_EVERY.multipliedBy(i + 1)).thenRun(() -> change(inst, n, time, scripted));
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (seen.size() < CHANGES && System.nanoTime() < deadline) {
                idle(time);
            }
            watch.close();
            executor.shutdownNow();
            long maxHeap = heap.stream().mapToLong(Long::longValue).max().orElse(heapBefore);
            System.out.println("| changes scripted | delivered | twice | not scripted | virtual time to deliver all"
                    + " | listings | most events from one listing | heap after GC: before → max while delivering | problems |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            System.out.printf("| %d (%s, %d groups) | %d | %d | %d | %.0f s (handler %d × %d s = %d s) | %d | %d | %d → %d KiB | %s |%n",
                    scripted.size(), "one every " + CHANGE_EVERY.toMillis() + " ms", GROUPS, seen.size(), twice.get(),
                    unexpected.get(), (lastDelivery[0] - start) / 1e9, CHANGES, HANDLER_TAKES.toSeconds(),
                    CHANGES * HANDLER_TAKES.toSeconds(), listings.get() - listingsBefore, maxPerListing.get(),
                    heapBefore >> 10, maxHeap >> 10, problems.isEmpty() ? "none" : String.join(", ", problems));
            System.out.printf("429s: %d%n", sim.rateRejections());
            client.close();
        }
    }

    /**
     * Lets a moment of real time pass (the simulator answers over HTTP), then moves the clock on by
     * at most a second towards the next alarm: the watch's pauses are alarms, which wait for the
     * clock instead of moving it; the handler's seconds move it while it delivers.
     */
    private static void idle(VirtualTime time) throws InterruptedException {
        Thread.sleep(10);
        time.advanceTowardNextAlarm(Duration.ofSeconds(1));
    }

    private static String group(int g) {
        return String.format("1203630439682%05d@g.us", g);
    }

    private static String member(int g, int m) {
        return String.format("7902%03d%04d@c.us", g, m);
    }

    /** Change i: in group i mod 20, a newcomer joins or (every other change of the group) a first member leaves. */
    private static void change(GreenApiSimulator.Instance inst, int i, VirtualTime time, Map<String, Long> scripted) {
        int g = i % GROUPS;
        int j = i / GROUPS;
        if (j % 2 == 0) {
            String chatId = String.format("7903%03d%04d@c.us", g, j);
            inst.joins(group(g), chatId);
            scripted.put(group(g) + " " + chatId.replaceAll("\\D", "") + " joined", time.nanoTime());
        } else {
            String chatId = member(g, j);
            inst.leaves(group(g), chatId);
            scripted.put(group(g) + " " + chatId.replaceAll("\\D", "") + " left", time.nanoTime());
        }
    }

    private static String key(MembershipEvent event) {
        return event.group().key() + " " + event.member().value().replaceAll("\\D", "")
                + (event instanceof Joined ? " joined" : " left");
    }
}
