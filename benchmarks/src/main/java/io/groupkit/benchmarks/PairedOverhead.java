package io.groupkit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupkit.bitrix24.Bitrix24;
import io.groupkit.bitrix24.Bitrix24Client;
import io.groupkit.bitrix24.ImChat;
import io.groupkit.core.AddResult;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * GroupKit's own cost per call, paired: GroupKit's add and the same request sent with a bare
 * {@link HttpClient} configured as GroupKit configures its own (direct executor, no redirects),
 * alternating in rounds in one JVM against one loopback server, the order flipped every round.
 * Each round yields three ratios (GroupKit / bare): latency of sequential calls, throughput of 8
 * threads, bytes allocated per call by the whole JVM; the report is the median of the per-round
 * ratios, so drift of the machine during the run cancels out. Pacing and pre-checks are off.
 *
 * <p>Bounded: {@code rounds × (calls + 8 × threadCalls)} calls per side; defaults take about a
 * minute on two cores. Arguments: rounds, sequential calls per round, calls per thread.
 */
public final class PairedOverhead {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 8;

    private PairedOverhead() {
    }

    /**
     * Runs the pairs and prints one table.
     *
     * @param args optional: rounds, sequential calls per round, calls per thread per round
     * @throws Exception if a server cannot start or a call fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int threadCalls = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        Policies bare = Policies.builder().prechecks(Prechecks.OFF).retry(RetryPolicy.none())
                .rateLimiter((key, limit, now) -> Duration.ZERO).build();
        HttpClient direct = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).executor(Runnable::run).build();
        try (StubServer green = new StubServer("{\"addParticipant\":true}");
             StubServer bitrix = new StubServer(Map.of(
                     "im.chat.user.add", "{\"result\":true,\"time\":{\"operating\":0.01}}",
                     "im.chat.user.list", "{\"result\":[1,7],\"time\":{\"operating\":0.01}}"));
             GreenApiClient greenClient = GreenApi.builder().apiUrl(green.url()).instance("1101000001", "benchToken")
                     .policies(bare).build();
             Bitrix24Client bitrixClient = Bitrix24.webhook(bitrix.url() + "/rest/1/benchCode/").policies(bare).build()) {
            GroupRef waGroup = GroupRef.of("120363043968066561@g.us");
            Member phone = Member.phone("+7 900 123-45-68");
            URI greenUri = URI.create(green.url() + "/waInstance1101000001/addGroupParticipant/benchToken");
            URI bitrixUri = URI.create(bitrix.url() + "/rest/1/benchCode/im.chat.user.add");
            Pair greenPair = new Pair("Green-API add",
                    () -> check(greenClient.add(waGroup, phone)),
                    () -> bareCall(direct, greenUri, Map.of("groupId", waGroup.key(), "participantPhone", 79001234568L),
                            "addParticipant", 30));
            Pair bitrixPair = new Pair("Bitrix24 im add",
                    () -> check(bitrixClient.add(ImChat.of(501), Member.userId(7))),
                    () -> bareCall(direct, bitrixUri, Map.of("CHAT_ID", 501, "USERS", List.of(7)), "result", 60));
            System.out.printf("rounds %d, %d sequential calls and %d threads x %d calls per side per round%n",
                    rounds, calls, THREADS, threadCalls);
            for (Pair pair : List.of(greenPair, bitrixPair)) {
                // Warm-up: two untimed rounds.
                for (int i = 0; i < 2; i++) {
                    pair.round(calls, threadCalls, i % 2 == 0);
                }
                double[][] ratios = new double[3][rounds];
                for (int r = 0; r < rounds; r++) {
                    double[] one = pair.round(calls, threadCalls, r % 2 == 0);
                    for (int k = 0; k < 3; k++) {
                        ratios[k][r] = one[k];
                    }
                }
                System.out.printf("%-16s latency %.3fx  throughput(8 threads) %.3fx  bytes/call %.3fx"
                                + "   (GroupKit %.1f us, %.0f calls/s, %.1f KB; bare %.1f us, %.0f calls/s, %.1f KB)%n",
                        pair.name, median(ratios[0]), median(ratios[1]), median(ratios[2]),
                        pair.last[0], pair.last[1], pair.last[2] / 1024, pair.last[3], pair.last[4], pair.last[5] / 1024);
            }
        }
    }

    private static Object check(AddResult result) {
        if (!(result instanceof io.groupkit.core.Added)) {
            throw new IllegalStateException("expected Added, got " + result);
        }
        return result;
    }

    private static Object bareCall(HttpClient client, URI uri, Map<String, ?> body, String field, int timeoutSeconds)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(timeoutSeconds))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200 || !JSON.readTree(response.body()).path(field).asBoolean()) {
            throw new IllegalStateException("unexpected answer " + response.statusCode());
        }
        return response;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Bytes allocated so far by every live thread of the JVM. */
    private static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }

    /** One GroupKit call and its bare equivalent. */
    private static final class Pair {
        private final String name;
        private final Callable<Object> groupKit;
        private final Callable<Object> bare;
        private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "paired-overhead");
            t.setDaemon(true);
            return t;
        });
        /** The last round's absolute numbers: GroupKit µs, calls/s, bytes; bare µs, calls/s, bytes. */
        private final double[] last = new double[6];

        Pair(String name, Callable<Object> groupKit, Callable<Object> bare) {
            this.name = name;
            this.groupKit = groupKit;
            this.bare = bare;
        }

        /** One round: latency, throughput and bytes for both sides; returns the three ratios. */
        double[] round(int calls, int threadCalls, boolean groupKitFirst) throws Exception {
            double[] g = new double[3];
            double[] b = new double[3];
            if (groupKitFirst) {
                measure(groupKit, calls, threadCalls, g);
                measure(bare, calls, threadCalls, b);
            } else {
                measure(bare, calls, threadCalls, b);
                measure(groupKit, calls, threadCalls, g);
            }
            System.arraycopy(g, 0, last, 0, 3);
            System.arraycopy(b, 0, last, 3, 3);
            return new double[] {g[0] / b[0], g[1] / b[1], g[2] / b[2]};
        }

        private void measure(Callable<Object> call, int calls, int threadCalls, double[] into) throws Exception {
            long bytesBefore = allocatedBytes();
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                call.call();
            }
            long elapsed = System.nanoTime() - start;
            into[2] = (double) (allocatedBytes() - bytesBefore) / calls;
            into[0] = elapsed / 1e3 / calls;
            List<Future<?>> running = new ArrayList<>();
            long parallelStart = System.nanoTime();
            for (int t = 0; t < THREADS; t++) {
                running.add(pool.submit(() -> {
                    for (int i = 0; i < threadCalls; i++) {
                        call.call();
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            into[1] = THREADS * threadCalls / ((System.nanoTime() - parallelStart) / 1e9);
        }
    }
}
