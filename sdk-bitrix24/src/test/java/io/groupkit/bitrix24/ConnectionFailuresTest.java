package io.groupkit.bitrix24;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.groupkit.core.GroupKitListener;
import io.groupkit.core.Outcome;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unsupported;
import io.groupkit.testkit.time.VirtualTime;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A webhook whose portal cannot be reached says why, with host and port and without the webhook code. */
class ConnectionFailuresTest {
    private static final String NO_SUCH_PORTAL = "groupkit-test.invalid";

    @RegisterExtension
    static WireMockExtension proxy = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final VirtualTime time = VirtualTime.create();
    private final AtomicInteger attempts = new AtomicInteger();

    private Bitrix24Client client(String portal, UnaryOperator<Bitrix24.Builder> setup) {
        return setup.apply(Bitrix24.webhook(portal + "/rest/1/" + Fixture.CODE + "/").policies(Fixture.policies(time)
                .listener(new GroupKitListener() {
                    @Override
                    public void attemptStarted(Call call, int attempt) {
                        attempts.incrementAndGet();
                    }
                }).build())).build();
    }

    private static void noSecrets(Outcome o) {
        for (String text : List.of(o.toString(), o.detail().description(), o.remedy())) {
            assertFalse(text.contains(Fixture.CODE), () -> "the webhook code shows: " + text.replace(Fixture.CODE, "<CODE>"));
        }
    }

    @Test
    void anUnresolvablePortalIsNamedAndNotRetried() {
        Bitrix24Client client = client("https://" + NO_SUCH_PORTAL, b -> b);
        Outcome o = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> client.members(Fixture.IM));

        Unsupported setup = assertInstanceOf(Unsupported.class, o, o::toString);
        assertEquals("UNKNOWN_HOST", setup.detail().code());
        assertEquals("cannot resolve host " + NO_SUCH_PORTAL + " (to connect to " + NO_SUCH_PORTAL + ":443)",
                setup.detail().description());
        assertTrue(setup.remedy().contains("DNS"), setup.remedy());
        assertEquals(1, attempts.get());
        assertEquals(Duration.ZERO, time.elapsed());
        noSecrets(o);
    }

    @Test
    void aRefusedPortalIsNamed() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Outcome o = client("http://127.0.0.1:" + closed, b -> b).add(Fixture.IM, Fixture.user(100));

        Unavailable down = assertInstanceOf(Unavailable.class, o, "nothing was sent, so not Indeterminate: " + o);
        assertEquals("CONNECTION_REFUSED", down.detail().code());
        assertEquals("connection to 127.0.0.1:" + closed + " refused", down.detail().description());
        noSecrets(o);
    }

    @Test
    void aProxyAskingForCredentialsIsNamedAndNotRetried() {
        proxy.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(407)
                .withHeader("Proxy-Authenticate", "Basic realm=\"office\"")));
        HttpClient proxied = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.getPort()))).build();
        Outcome o = client("http://127.0.0.1:1", b -> b.httpClient(proxied)).members(Fixture.IM);

        Unauthorized refused = assertInstanceOf(Unauthorized.class, o, o::toString);
        assertEquals("PROXY_AUTHENTICATION", refused.detail().code());
        assertEquals("the proxy 127.0.0.1:" + proxy.getPort() + " asks for credentials (HTTP 407) on the way to"
                + " 127.0.0.1:1", refused.detail().description());
        assertTrue(refused.remedy().contains("Authenticator"), refused.remedy());
        assertEquals(1, proxy.getAllServeEvents().size(), "not retried");
        noSecrets(o);
    }
}
