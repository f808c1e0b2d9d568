package io.groupkit.benchmarks;

import io.groupkit.bitrix24.Bitrix24;
import io.groupkit.bitrix24.Bitrix24Client;
import io.groupkit.bitrix24.ImChat;
import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.policy.TokenBucketRateLimiter;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.testkit.bitrix24.Bitrix24Simulator;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import io.groupkit.testkit.time.VirtualTime;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Pacing efficiency on virtual time, against the simulators' own limits: how much of the allowed
 * rate 10,000 adds use, and how many one-second windows go over the limit. Prints a Markdown table.
 *
 * <p>Every run starts with a fresh simulator, client and clock, so each starts with a full
 * client-side bucket and nothing left over from the run before it. Every add is of someone who
 * can really be added: Green-API's people are spread over {@value #GREEN_API_GROUPS} groups of
 * {@value #PER_GROUP} (the simulator, like WhatsApp, caps a group at
 * {@link GreenApiSimulator#MAX_MEMBERS} members, the instance's own number included), and every
 * Bitrix24 user exists and is active.
 *
 * <p>Bounded: 10,000 adds per run on virtual time (about two minutes of real time in all).
 */
public final class PacingEfficiency {
    private static final int N = 10_000;
    private static final int GREEN_API_GROUPS = 10;
    private static final int PER_GROUP = N / GREEN_API_GROUPS;
    /** Bitrix24's documented bucket: 2 requests a second, 50 at once; paced at the default headroom 0.8. */
    private static final double PACED = 2 * 0.8;
    private static final int PACED_BURST = 40;
    /**
     * Users known active stay known for 10 minutes ({@code ActiveUsers.TTL}): the run of
     * adds without read-backs is sized to end within that after the one listing that made them known.
     */
    private static final int KNOWN_ACTIVE = 900;

    private PacingEfficiency() {
    }

    /**
     * Runs the measurements.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        if (PER_GROUP + 1 > GreenApiSimulator.MAX_MEMBERS) {
            throw new IllegalStateException("groups would go over the simulator's member cap");
        }
        System.out.println("| run | requests | provider time | rate | of allowed | over the limit |");
        System.out.println("|---|---|---|---|---|---|");
        for (double headroom : new double[] {1.0, 0.8}) {
            greenApi(headroom);
        }
        bitrixBatch();
        bitrixSingles();
        bitrixSinglesKnownActive();
    }

    private static void greenApi(double headroom) {
        VirtualTime time = VirtualTime.create();
        try (GreenApiSimulator sim = GreenApiSimulator.start(time)) {
            GreenApiSimulator.Instance inst = sim.instance("1101000001", "benchToken");
            GreenApiClient client = GreenApi.builder().apiUrl(sim.url()).instance("1101000001", "benchToken")
                    .pacingHeadroom(headroom)
                    .policies(Policies.builder().time(time).prechecks(Prechecks.OFF).build()).build();
            int added = 0;
            int other = 0;
            for (int g = 0; g < GREEN_API_GROUPS; g++) {
                String group = String.format("1203630439680665%02d@g.us", g);
                inst.group(group);
                int first = g * PER_GROUP;
                // Valid Russian mobile numbers (+7 901 ...), which libphonenumber accepts.
                List<Member> people = IntStream.range(first, first + PER_GROUP)
                        .<Member>mapToObj(i -> Member.phone(String.format("+7901%07d", i))).toList();
                BulkReport r = client.addAll(GroupRef.of(group), people, BulkOptions.defaults().concurrency(1));
                added += r.count(OutcomeKind.ADDED);
                other += people.size() - r.count(OutcomeKind.ADDED);
            }
            List<Long> t = sim.requests("addGroupParticipant").stream().map(GreenApiSimulator.Request::atNanos).toList();
            double seconds = (t.get(t.size() - 1) - t.get(0)) / 1e9;
            double rate = (t.size() - 1) / seconds;
            System.out.printf("| Green-API addGroupParticipant, headroom %.1f (paced at %.0f/s), %d groups of %d"
                            + " | %d (%d added, %d not) | %.1f s | %.2f/s | %.1f %% of %.0f/s (%.1f %% of the documented 10/s)"
                            + " | %d 1-s windows over 10; %d answered 429 |%n",
                    headroom, 10 * headroom, GREEN_API_GROUPS, PER_GROUP, t.size(), added, other, seconds, rate,
                    100 * rate / (10 * headroom), 10 * headroom, 10 * rate, windowsOver(t, 10), sim.rateRejections());
        }
    }

    private static Bitrix24Client bitrixClient(Bitrix24Simulator sim, VirtualTime time) {
        return Bitrix24.webhook(sim.webhook(1, "benchCode"))
                .policies(Policies.builder().time(time).rateLimiter(new TokenBucketRateLimiter()).build()).build();
    }

    private static void bitrixBatch() {
        VirtualTime time = VirtualTime.create();
        try (Bitrix24Simulator sim = Bitrix24Simulator.start(time)) {
            sim.users(1).chat(501, 1);
            LongStream.range(100, 100 + N).forEach(sim::users);
            Bitrix24Client client = bitrixClient(sim, time);
            List<Member> people = LongStream.range(100, 100 + N).<Member>mapToObj(Member::userId).toList();
            long start = time.nanoTime();
            BulkReport bulk = client.addAll(ImChat.of(501), people, BulkOptions.defaults().concurrency(1));
            List<Bitrix24Simulator.Request> all = sim.requests();
            int batches = sim.requests("batch").size();
            int listings = sim.requests("im.chat.user.list").size();
            double seconds = (all.get(all.size() - 1).atNanos() - start) / 1e9;
            // A batch of 50 answering true is read back with one listing of the chat.
            double expected = (all.size() - PACED_BURST) / PACED;
            System.out.printf("| Bitrix24 bulk add (batch), paced at %.1f/s burst %d | %d batch + %d listings = %d for %d people"
                            + " (%d added) | %.1f s | %.3f requests/s after the burst | (%d - %d) / %.1f = %.1f s expected"
                            + " | %d answered 503 |%n",
                    PACED, PACED_BURST, batches, listings, all.size(), N, bulk.count(OutcomeKind.ADDED), seconds,
                    steadyRate(all), all.size(), PACED_BURST, PACED, expected, sim.bucketRejections());
        }
    }

    private static void bitrixSingles() {
        VirtualTime time = VirtualTime.create();
        try (Bitrix24Simulator sim = Bitrix24Simulator.start(time)) {
            sim.users(1).chat(501, 1);
            LongStream.range(100, 100 + N).forEach(sim::users);
            Bitrix24Client client = bitrixClient(sim, time);
            long start = time.nanoTime();
            int added = 0;
            for (long u = 100; u < 100 + N; u++) {
                added += client.add(ImChat.of(501), Member.userId(u)).kind() == OutcomeKind.ADDED ? 1 : 0;
            }
            // Each add of a user not known active is read back (im.chat.user.list): two requests per add,
            // both against the portal's bucket.
            printSingles("Bitrix24 single adds, each read back", sim, time, start, N, added);
        }
    }

    private static void bitrixSinglesKnownActive() {
        VirtualTime time = VirtualTime.create();
        try (Bitrix24Simulator sim = Bitrix24Simulator.start(time)) {
            long[] users = LongStream.range(100, 100 + KNOWN_ACTIVE).toArray();
            sim.users(1).users(users).chat(501, 1).chat(502, 1, users);
            Bitrix24Client client = bitrixClient(sim, time);
            long start = time.nanoTime();
            client.members(ImChat.of(502)); // one listing: every user in it is known active for 10 minutes
            int added = 0;
            for (long u : users) {
                added += client.add(ImChat.of(501), Member.userId(u)).kind() == OutcomeKind.ADDED ? 1 : 0;
            }
            printSingles("Bitrix24 single adds of users known active (one listing of another chat first, no read-backs)",
                    sim, time, start, KNOWN_ACTIVE, added);
        }
    }

    private static void printSingles(String name, Bitrix24Simulator sim, VirtualTime time, long start, int adds, int added) {
        List<Bitrix24Simulator.Request> all = sim.requests();
        int listings = sim.requests("im.chat.user.list").size();
        double seconds = (all.get(all.size() - 1).atNanos() - start) / 1e9;
        double requestRate = steadyRate(all);
        // Adds a second after the burst: the add requests sent after the first PACED_BURST requests, over their span.
        long afterBurst = all.get(PACED_BURST).atNanos();
        List<Long> addTimes = sim.requests("im.chat.user.add").stream().map(Bitrix24Simulator.Request::atNanos)
                .filter(at -> at >= afterBurst).toList();
        double addRate = (addTimes.size() - 1) / ((addTimes.get(addTimes.size() - 1) - addTimes.get(0)) / 1e9);
        System.out.printf("| %s, paced at %.1f/s burst %d | %d (%d adds + %d listings) for %d adds (%d added) | %.1f s"
                        + " | %.3f requests/s = %.3f adds/s after the burst | %.1f %% of %.1f/s (%.1f %% of the documented 2/s)"
                        + " | %d answered 503 |%n",
                name, PACED, PACED_BURST, all.size(), all.size() - listings, listings, adds, added, seconds,
                requestRate, addRate, 100 * requestRate / PACED, PACED, 100 * requestRate / 2,
                sim.bucketRejections());
    }

    /** Requests per second after the client's burst: the requests after the first {@value #PACED_BURST} over their span. */
    private static double steadyRate(List<Bitrix24Simulator.Request> requests) {
        long from = requests.get(PACED_BURST).atNanos();
        long to = requests.get(requests.size() - 1).atNanos();
        return (requests.size() - 1 - PACED_BURST) / ((to - from) / 1e9);
    }

    private static int windowsOver(List<Long> sortedTimes, int limit) {
        int over = 0;
        int j = 0;
        for (int i = 0; i < sortedTimes.size(); i++) {
            while (j < sortedTimes.size() && sortedTimes.get(j) < sortedTimes.get(i) + 1_000_000_000L) {
                j++;
            }
            if (j - i > limit) {
                over++;
            }
        }
        return over;
    }
}
