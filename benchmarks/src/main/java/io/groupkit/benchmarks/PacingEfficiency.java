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
import io.groupkit.core.policy.TokenBucketRateLimiter;
import io.groupkit.testkit.time.VirtualTime;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.testkit.bitrix24.Bitrix24Simulator;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

/**
 * Pacing efficiency on virtual time, against the simulators' own limits: how much of the allowed
 * rate 10,000 adds use, and how many one-second windows go over the limit. Prints a Markdown table.
 */
public final class PacingEfficiency {
    private PacingEfficiency() {
    }

    /**
     * Runs the measurements.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        int n = 10_000;
        System.out.println("| run | requests | provider time | rate | of allowed | 1-s windows over the limit |");
        System.out.println("|---|---|---|---|---|---|");
        for (double headroom : new double[] {1.0, 0.8}) {
            VirtualTime time = VirtualTime.create();
            try (GreenApiSimulator sim = GreenApiSimulator.start(time, true)) {
                sim.instance("1101000001", "benchToken").group("120363043968066561@g.us");
                GreenApiClient client = GreenApi.builder().apiUrl(sim.url()).instance("1101000001", "benchToken")
                        .pacingHeadroom(headroom)
                        .policies(Policies.builder().time(time).prechecks(false).build()).build();
                List<Member> people = IntStream.range(0, n).<Member>mapToObj(i -> Member.phone(String.format("+7901%07d", i))).toList();
                BulkReport r = client.addAll(GroupRef.of("120363043968066561@g.us"), people, BulkOptions.defaults().concurrency(1));
                List<Long> t = sim.requests("addGroupParticipant").stream().map(GreenApiSimulator.Request::atNanos).toList();
                double seconds = (t.get(t.size() - 1) - t.get(0)) / 1e9;
                double rate = (t.size() - 1) / seconds;
                System.out.printf("| Green-API addGroupParticipant, headroom %.1f (paced at %.0f/s) | %d (%d added) | %.1f s | %.2f/s | %.1f %% of %.0f/s (%.1f %% of the documented 10/s) | %d |%n",
                        headroom, 10 * headroom, t.size(), r.count(OutcomeKind.ADDED), seconds, rate,
                        100 * rate / (10 * headroom), 10 * headroom, 10 * rate, windowsOver(t, 10));
            }
        }
        VirtualTime time = VirtualTime.create();
        try (Bitrix24Simulator sim = Bitrix24Simulator.start(time)) {
            sim.users(1).chat(501, 1);
            LongStream.range(100, 100 + 2L * n).forEach(sim::users);
            Bitrix24Client client = Bitrix24.webhook(sim.webhook(1, "benchCode"))
                    .policies(Policies.builder().time(time).rateLimiter(new TokenBucketRateLimiter()).build()).build();
            List<Member> people = LongStream.range(100, 100 + n).<Member>mapToObj(Member::userId).toList();
            BulkReport bulk = client.addAll(ImChat.of(501), people, BulkOptions.defaults().concurrency(1));
            System.out.printf("| Bitrix24 bulk add (batch) | %d batch requests for %d people (%d added) | %.1f s | - | ⌈%d/50⌉ = %d expected | %d answered 503 |%n",
                    sim.requests("batch").size(), n, bulk.count(OutcomeKind.ADDED), time.elapsed().toNanos() / 1e9, n,
                    (n + 49) / 50, sim.requests("batch").size() - (n + 49) / 50);
            long start = time.nanoTime();
            List<Member> singles = LongStream.range(100 + n, 100 + 2L * n).<Member>mapToObj(Member::userId).toList();
            for (Member m : singles) {
                client.add(ImChat.of(501), m);
            }
            // Each single add of a user not yet seen in a chat is read back (im.chat.user.list): every
            // request counts against the portal's bucket, paced at the default headroom 0.8 (1.6/s, 40 at once).
            List<Long> t = sim.requests().stream().map(Bitrix24Simulator.Request::atNanos).filter(at -> at >= start).toList();
            double seconds = (t.get(t.size() - 1) - start) / 1e9;
            double rate = (t.size() - 40) / seconds;
            System.out.printf("| Bitrix24 single adds (each read back), bucket 2/s burst 50, paced at 1.6/s burst 40 | %d requests"
                            + " for %d adds | %.1f s | %.3f/s after the burst | %.1f %% of 1.6/s | %d answered 503 |%n",
                    t.size(), singles.size(), seconds, rate, 100 * rate / 1.6, sim.bucketRejections());
        }
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
