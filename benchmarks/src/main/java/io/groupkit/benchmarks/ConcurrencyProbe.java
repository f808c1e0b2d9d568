package io.groupkit.benchmarks;

import io.groupkit.core.AddResult;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * 10,000 concurrent async adds through the Green-API adapter against a loopback server: completion
 * time, threads (they must not grow with the number of calls) and peak heap. Pacing is off, so all
 * calls are under way at once. Prints a Markdown table row per run.
 */
public final class ConcurrencyProbe {
    private ConcurrencyProbe() {
    }

    /**
     * Runs the probe.
     *
     * @param args optional: the number of calls (default 10,000)
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (StubServer server = new StubServer("{\"addParticipant\":true}")) {
            GreenApiClient client = GreenApi.builder().apiUrl(server.url()).instance("1101000001", "benchToken")
                    .policies(Policies.builder().prechecks(Prechecks.OFF).retry(RetryPolicy.none())
                            .rateLimiter((key, limit, now) -> Duration.ZERO).build()).build();
            GroupRef group = GroupRef.of("120363043968066561@g.us");
            System.out.println("| calls | completion | added | threads before → peak → after | peak heap used |");
            System.out.println("|---|---|---|---|---|");
            for (int run = 0; run < 3; run++) {
                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                threads.resetPeakThreadCount();
                int before = threads.getThreadCount();
                long start = System.nanoTime();
                List<CompletableFuture<AddResult>> futures = new ArrayList<>(calls);
                for (int i = 0; i < calls; i++) {
                    futures.add(client.addAsync(group, Member.phone(String.format("+7901%07d", i))));
                }
                List<AddResult> results = futures.stream().map(CompletableFuture::join).toList();
                long added = results.stream().filter(r -> r.kind() == OutcomeKind.ADDED).count();
                results.stream().filter(r -> r.kind() != OutcomeKind.ADDED)
                        .collect(java.util.stream.Collectors.groupingBy(r -> r.kind() + " " + r.detail().code() + " "
                                + r.detail().description().replaceAll("[0-9]+", "#"), java.util.stream.Collectors.counting()))
                        .forEach((k, v) -> System.err.println("   not added: " + v + " x " + k));
                long millis = (System.nanoTime() - start) / 1_000_000;
                long heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
                System.out.printf("| %d (run %d) | %d ms | %d | %d → %d → %d | %d MiB |%n", calls, run + 1, millis, added,
                        before, threads.getPeakThreadCount(), threads.getThreadCount(), heap >> 20);
            }
        }
    }
}
