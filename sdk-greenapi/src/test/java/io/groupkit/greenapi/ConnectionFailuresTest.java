package io.groupkit.greenapi;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.groupkit.core.GroupKitListener;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.Outcome;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.Policies;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unsupported;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.testkit.time.VirtualTime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each way a connection can fail before anything reaches Green-API is named apart, with host and
 * port, its own remedy and no token; setup errors are not retried, transient ones are, and none
 * of them turns a write into {@link Indeterminate} (nothing was sent).
 */
class ConnectionFailuresTest {
    /** A name under the reserved {@code .invalid} top-level domain: it never resolves (RFC 6761). */
    private static final String NO_SUCH_HOST = "groupkit-test.invalid";

    @RegisterExtension
    static WireMockExtension tls = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().dynamicHttpsPort()).build();

    private final VirtualTime time = VirtualTime.create();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();

    private GreenApiClient client(String apiUrl, UnaryOperator<GreenApi.Builder> setup) {
        Policies policies = Fixture.policies(time).prechecks(Prechecks.OFF).listener(new GroupKitListener() {
            @Override
            public void attemptStarted(Call call, int attempt) {
                attempts.incrementAndGet();
            }

            @Override
            public void retried(Call call, int nextAttempt, Outcome because, Duration after) {
                retries.incrementAndGet();
            }
        }).build();
        return setup.apply(GreenApi.builder().apiUrl(apiUrl).instance(Fixture.ID, Fixture.TOKEN).policies(policies)).build();
    }

    private static void noSecrets(Outcome o) {
        for (String text : List.of(o.toString(), o.detail().description(), o.remedy())) {
            assertFalse(text.contains(Fixture.TOKEN), () -> "the token shows: " + text.replace(Fixture.TOKEN, "<TOKEN>"));
            assertFalse(text.contains("9001234568"), () -> "a phone number shows: " + text);
        }
    }

    @Test
    void anUnresolvableHostIsNamedAndNotRetried() {
        GreenApiClient client = client("https://" + NO_SUCH_HOST, b -> b);
        // Bounded: a slow resolver must fail this test, not hang the build.
        Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> client.members(Fixture.GROUP));

        Unsupported setup = assertInstanceOf(Unsupported.class, o, o::toString);
        assertEquals("UNKNOWN_HOST", setup.detail().code());
        assertEquals("cannot resolve host " + NO_SUCH_HOST + " (to connect to " + NO_SUCH_HOST + ":443)",
                setup.detail().description());
        assertTrue(setup.remedy().contains("check the host in the URL") && setup.remedy().contains("DNS"), setup.remedy());
        assertFalse(setup.retryable());
        assertEquals(1, attempts.get(), "one attempt: the JVM caches a failed lookup longer than the backoff lasts");
        assertEquals(0, retries.get());
        assertEquals(Duration.ZERO, time.elapsed(), "no backoff waited");
        noSecrets(o);
    }

    @Test
    void anUnresolvableHostOnAWriteIsNotIndeterminate() {
        GreenApiClient client = client("https://" + NO_SUCH_HOST, b -> b);
        Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> client.add(Fixture.GROUP, io.groupkit.core.Member.phone("+79001234568")));
        assertEquals(OutcomeKind.UNSUPPORTED, o.kind(), o::toString);
        assertEquals("UNKNOWN_HOST", o.detail().code());
        noSecrets(o);
    }

    @Test
    void aRefusedConnectionIsNamedAndRetriedAsTransient() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // nothing listens here once it is closed
        }
        GreenApiClient client = client("http://127.0.0.1:" + closed, b -> b);
        Outcome o = client.members(Fixture.GROUP);

        Unavailable down = assertInstanceOf(Unavailable.class, o, o::toString);
        assertEquals("CONNECTION_REFUSED", down.detail().code());
        assertEquals("connection to 127.0.0.1:" + closed + " refused", down.detail().description());
        assertTrue(down.remedy().contains("check the port in the URL"), down.remedy());
        assertEquals(4, attempts.get(), "a server restarting refuses for a while: the whole retry budget");
        noSecrets(o);
    }

    @Test
    void aPlainHttpServerOnTheHttpsPortFailsTheHandshakeOnceAndNothingIsSent() throws IOException {
        try (CannedServer plain = new CannedServer("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")) {
            GreenApiClient client = client("https://127.0.0.1:" + plain.port(), b -> b);
            Outcome o = client.add(Fixture.GROUP, io.groupkit.core.Member.phone("+79001234568"));

            Unsupported setup = assertInstanceOf(Unsupported.class, o, "a write that was never sent is not Indeterminate: " + o);
            assertEquals("TLS_HANDSHAKE", setup.detail().code());
            assertTrue(setup.detail().description().startsWith("TLS handshake with 127.0.0.1:" + plain.port() + " failed: "),
                    setup.detail().description());
            assertTrue(setup.remedy().contains("speaks https"), setup.remedy());
            assertEquals(1, plain.received().size(), "not retried");
            assertEquals(0x16, plain.received().get(0).charAt(0), "all that reached the server was a TLS ClientHello");
            noSecrets(o);
        }
    }

    @Test
    void anUntrustedCertificateIsNamedAsSuchAndNothingIsSent() {
        GreenApiClient client = client("https://localhost:" + tls.getHttpsPort(), b -> b);
        Outcome o = client.members(Fixture.GROUP);

        Unsupported setup = assertInstanceOf(Unsupported.class, o, o::toString);
        assertEquals("TLS_CERTIFICATE", setup.detail().code());
        assertTrue(setup.detail().description().startsWith("the certificate of localhost:" + tls.getHttpsPort()
                + " is not trusted: "), setup.detail().description());
        assertTrue(setup.remedy().contains("trust store"), setup.remedy());
        assertEquals(1, attempts.get());
        assertEquals(0, tls.getAllServeEvents().size(), "no request got through");
        noSecrets(o);
    }

    @Test
    void aConnectTimeoutIsNamedWithTheTimeout() throws IOException {
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> queued = fillBacklog(full);
            try {
                GreenApiClient client = client("http://127.0.0.1:" + full.getLocalPort(), b -> b.connectTimeout(Duration.ofMillis(200))
                        .policies(Fixture.policies(time).retry(RetryPolicy.builder().maxAttempts(2).build()).build()));
                Outcome o = client.members(Fixture.GROUP);

                Unavailable down = assertInstanceOf(Unavailable.class, o, o::toString);
                assertEquals("CONNECT_TIMEOUT", down.detail().code());
                assertEquals("connecting to 127.0.0.1:" + full.getLocalPort() + " timed out after 200 ms",
                        down.detail().description());
                assertTrue(down.remedy().contains("firewall"), down.remedy());
                assertTrue(down.retryable());
                noSecrets(o);
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    /**
     * Fills a listening socket's accept queue (nobody accepts), so that the next connection's SYN is
     * dropped and connecting times out: deterministic on loopback, no sleeping.
     */
    private static List<Socket> fillBacklog(ServerSocket full) throws IOException {
        List<Socket> queued = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), full.getLocalPort()), 200);
                queued.add(s);
            } catch (SocketTimeoutException fullNow) {
                s.close();
                return queued;
            }
        }
        for (Socket s : queued) {
            s.close();
        }
        Assumptions.abort("this system does not drop connections over a full accept queue");
        return queued;
    }

    @Test
    void aProxyAskingForCredentialsIsNamedAndTheTokenNeverReachesIt() throws IOException {
        try (CannedServer proxy = new CannedServer("HTTP/1.1 407 Proxy Authentication Required\r\n"
                + "Proxy-Authenticate: Basic realm=\"office\"\r\nContent-Length: 0\r\n\r\n")) {
            GreenApiClient client = client("https://api." + NO_SUCH_HOST, b -> b.httpClient(proxied(proxy.port())));
            Outcome o = client.members(Fixture.GROUP);

            Unauthorized refused = assertInstanceOf(Unauthorized.class, o, o::toString);
            assertEquals("PROXY_AUTHENTICATION", refused.detail().code());
            assertEquals("the proxy 127.0.0.1:" + proxy.port() + " asks for credentials (HTTP 407) on the way to api."
                    + NO_SUCH_HOST + ":443", refused.detail().description());
            assertTrue(refused.remedy().contains("Authenticator"), refused.remedy());
            assertEquals(1, proxy.received().size(), "not retried: every request would be refused the same way");
            assertTrue(proxy.received().get(0).startsWith("CONNECT api." + NO_SUCH_HOST + ":443 "), proxy.received().get(0));
            assertFalse(proxy.received().get(0).contains(Fixture.TOKEN), "a tunnel request carries no path");
            noSecrets(o);
        }
    }

    @Test
    void aProxyThatOpensNoTunnelIsNamed() throws IOException {
        try (CannedServer proxy = new CannedServer("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")) {
            GreenApiClient client = client("https://api." + NO_SUCH_HOST, b -> b.httpClient(proxied(proxy.port())));
            Outcome o = client.add(Fixture.GROUP, io.groupkit.core.Member.phone("+79001234568"));

            Unavailable down = assertInstanceOf(Unavailable.class, o, "nothing was sent, so not Indeterminate: " + o);
            assertEquals("PROXY_TUNNEL", down.detail().code());
            assertEquals("the proxy 127.0.0.1:" + proxy.port() + " did not open a tunnel to api." + NO_SUCH_HOST
                    + ":443 (it answered HTTP 502)", down.detail().description());
            assertEquals(4, proxy.received().size(), "a gateway error may pass: retried");
            noSecrets(o);
        }
    }

    @Test
    void anUnreachableProxyIsNamedNotTheProvider() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        GreenApiClient client = client("https://api." + NO_SUCH_HOST, b -> b.httpClient(proxied(closed)));
        Outcome o = client.members(Fixture.GROUP);

        Unavailable down = assertInstanceOf(Unavailable.class, o, o::toString);
        assertEquals("PROXY_UNREACHABLE", down.detail().code());
        assertEquals("cannot connect to the proxy 127.0.0.1:" + closed + " on the way to api." + NO_SUCH_HOST
                + ":443: the connection was refused", down.detail().description());
        noSecrets(o);
    }

    private static HttpClient proxied(int proxyPort) {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxyPort))).build();
    }
}
