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
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One add through GroupKit against a loopback server, next to the same request sent with a bare
 * {@link HttpClient} to the same server in the same run. Pacing is switched off (a limiter that
 * never waits) and pre-checks too, so what remains is GroupKit's own cost: argument checks,
 * building the request, the attempt timeout, reading the answer into an outcome.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class OverheadBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GroupRef WA_GROUP = GroupRef.of("120363043968066561@g.us");
    private static final Member PHONE = Member.phone("+7 900 123-45-68");
    private static final Member USER = Member.userId(7);

    private StubServer greenServer;
    private StubServer bitrixServer;
    private HttpClient raw;
    private GreenApiClient green;
    private GreenApiClient greenPooled;
    private HttpClient rawDirect;
    private Bitrix24Client bitrix;

    /**
     * Starts the servers and the clients.
     *
     * @throws IOException if a port cannot be opened
     */
    @Setup(Level.Trial)
    public void start() throws IOException {
        greenServer = new StubServer("{\"addParticipant\":true}");
        // im.chat.user.add's true is confirmed by a listing unless the user was seen in one lately:
        // the listing answers, so after the first call each add is one request, as the bare side.
        bitrixServer = new StubServer(Map.of(
                "im.chat.user.add", "{\"result\":true,\"time\":{\"operating\":0.01}}",
                "im.chat.user.list", "{\"result\":[1,7],\"time\":{\"operating\":0.01}}"));
        raw = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        Policies noPacing = Policies.builder().prechecks(Prechecks.OFF).retry(RetryPolicy.none())
                .rateLimiter((key, limit, now) -> Duration.ZERO).build();
        green = GreenApi.builder().apiUrl(greenServer.url()).instance("1101000001", "benchToken").policies(noPacing).build();
        greenPooled = GreenApi.builder().apiUrl(greenServer.url()).instance("1101000001", "benchToken").policies(noPacing)
                .httpClient(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()).build();
        rawDirect = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).executor(Runnable::run).build();
        bitrix = Bitrix24.webhook(bitrixServer.url() + "/rest/1/benchCode/").policies(noPacing).build();
    }

    /** The bare add request, built per call as GroupKit builds it (JSON body, URL, timeout). */
    private HttpRequest greenApiRequest() throws java.io.IOException {
        byte[] body = JSON.writeValueAsBytes(Map.of("groupId", WA_GROUP.key(), "participantPhone", 79001234568L));
        return HttpRequest.newBuilder(URI.create(greenServer.url() + "/waInstance1101000001/addGroupParticipant/benchToken"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** Stops the servers. */
    @TearDown(Level.Trial)
    public void stop() {
        greenServer.close();
        bitrixServer.close();
    }

    /**
     * GroupKit's Green-API add.
     *
     * @return the outcome
     */
    @Benchmark
    public AddResult greenApiAdd() {
        return green.add(WA_GROUP, PHONE);
    }

    /**
     * GroupKit's Green-API add over an HttpClient with the JDK's default (pooled) executor.
     *
     * @return the outcome
     */
    @Benchmark
    public AddResult greenApiAddPooledClient() {
        return greenPooled.add(WA_GROUP, PHONE);
    }

    /**
     * The bare request over an HttpClient with a direct executor.
     *
     * @return the status
     * @throws Exception if the request fails
     */
    @Benchmark
    public int greenApiRawHttpDirectExecutor() throws Exception {
        HttpRequest request = greenApiRequest();
        HttpResponse<byte[]> response = rawDirect.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return JSON.readTree(response.body()).path("addParticipant").asBoolean() ? response.statusCode() : -1;
    }

    /**
     * The bare request, asynchronously ({@code sendAsync().join()}) over a direct executor: the
     * same path GroupKit takes underneath, so the fair baseline for its own cost.
     *
     * @return the status
     * @throws Exception if the request fails
     */
    @Benchmark
    public int greenApiRawHttpAsyncDirectExecutor() throws Exception {
        HttpRequest request = greenApiRequest();
        HttpResponse<byte[]> response = rawDirect.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).join();
        return JSON.readTree(response.body()).path("addParticipant").asBoolean() ? response.statusCode() : -1;
    }

    /**
     * The same request with a bare HttpClient.
     *
     * @return the status
     * @throws Exception if the request fails
     */
    @Benchmark
    public int greenApiRawHttp() throws Exception {
        HttpRequest request = greenApiRequest();
        HttpResponse<byte[]> response = raw.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return JSON.readTree(response.body()).path("addParticipant").asBoolean() ? response.statusCode() : -1;
    }

    /**
     * GroupKit's Bitrix24 add.
     *
     * @return the outcome
     */
    @Benchmark
    public AddResult bitrix24Add() {
        return bitrix.add(ImChat.of(501), USER);
    }

    /**
     * The same request with a bare HttpClient.
     *
     * @return the status
     * @throws Exception if the request fails
     */
    @Benchmark
    public int bitrix24RawHttp() throws Exception {
        byte[] body = JSON.writeValueAsBytes(Map.of("CHAT_ID", 501, "USERS", List.of(7)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(bitrixServer.url() + "/rest/1/benchCode/im.chat.user.add"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<byte[]> response = raw.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return JSON.readTree(response.body()).path("result").asBoolean() ? response.statusCode() : -1;
    }
}
