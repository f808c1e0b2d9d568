package io.groupkit.benchmarks;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.http.internal.CappedBody;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.greenapi.internal.Transport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Sequential calls against a loopback stub, layer by layer (bare HttpClient, GroupKit's
 * transport, the whole client), to find where per-call time goes. Prints microseconds per call.
 */
public final class SequentialProbe {
    private SequentialProbe() {
    }

    /**
     * Runs the loops.
     *
     * @param args optional: the number of calls per loop
     * @throws Exception if the server cannot start
     */
    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        try (StubServer server = new StubServer("{\"addParticipant\":true}")) {
            String url = server.url() + "/waInstance1101000001/addGroupParticipant/benchToken";
            HttpClient direct = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).executor(Runnable::run).build();
            byte[] body = "{\"groupId\":\"120363043968066561@g.us\",\"participantPhone\":79001234568}".getBytes();
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            Transport transport = new Transport(direct, server.url(), "", "1101000001", "benchToken", Duration.ofSeconds(30), 1 << 20);
            GreenApiClient client = GreenApi.builder().apiUrl(server.url()).instance("1101000001", "benchToken")
                    .httpClient(direct).policies(Policies.builder().prechecks(Prechecks.OFF).retry(RetryPolicy.none())
                            .rateLimiter((key, limit, now) -> Duration.ZERO).build()).build();
            GroupRef group = GroupRef.of("120363043968066561@g.us");
            Member m = Member.phone("+79001234568");
            Map<String, Callable<Object>> loops = new java.util.LinkedHashMap<>();
            loops.put("send, ofByteArray", () -> direct.send(request, HttpResponse.BodyHandlers.ofByteArray()));
            loops.put("sendAsync+join, ofByteArray", () -> direct.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).join());
            loops.put("sendAsync+join, CappedBody", () -> direct.sendAsync(request, CappedBody.handler(1 << 20)).join());
            loops.put("GroupKit transport.post", () -> transport.post("addGroupParticipant",
                    Map.of("groupId", group.key(), "participantPhone", 79001234568L)).toCompletableFuture().join());
            loops.put("GroupKit client.add", () -> client.add(group, m));
            List<Map.Entry<String, Callable<Object>>> order = new java.util.ArrayList<>(loops.entrySet());
            for (int round = 0; round < 4; round++) {
                // Reversed every other round, so that no loop always runs first.
                java.util.Collections.reverse(order);
                for (Map.Entry<String, Callable<Object>> loop : order) {
                    long start = System.nanoTime();
                    for (int i = 0; i < calls; i++) {
                        loop.getValue().call();
                    }
                    System.out.printf("%-32s %7.1f us%n", loop.getKey(), (System.nanoTime() - start) / 1e3 / calls);
                }
            }
        }
    }
}
