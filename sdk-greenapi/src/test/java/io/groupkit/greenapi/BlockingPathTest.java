package io.groupkit.greenapi;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.Prechecks;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The synchronous methods make the exchange on the caller's thread; the attempt timeout still
 * holds (it interrupts the blocked thread) and leaves no interrupt behind, and an interrupt that
 * was the caller's own is kept.
 */
class BlockingPathTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Member PERSON = Member.chatId("79001234568@c.us");
    private static final String ADD = "/waInstance" + Fixture.ID + "/addGroupParticipant/" + Fixture.TOKEN;

    /** Real time: the attempt timeout (300 ms) is far below the server's delay and the request timeout. */
    private static GreenApiClient client() {
        return GreenApi.builder().apiUrl(wm.baseUrl()).instance(Fixture.ID, Fixture.TOKEN)
                .requestTimeout(Duration.ofSeconds(30))
                .policies(Policies.builder().prechecks(Prechecks.OFF).attemptTimeout(Duration.ofMillis(300)).build()).build();
    }

    @Test
    void aSlowAnswerEndsAtTheAttemptTimeoutAndLeavesNoInterrupt() {
        wm.stubFor(post(urlEqualTo(ADD)).willReturn(okJson("{\"addParticipant\":true}").withFixedDelay(20_000)));
        AddResult r = client().add(Fixture.GROUP, PERSON);
        assertInstanceOf(Indeterminate.class, r, r::toString);
        assertFalse(Thread.currentThread().isInterrupted(), "the timeout's interrupt is cleared");
        wm.resetAll();
        wm.stubFor(post(urlEqualTo(ADD)).willReturn(okJson("{\"addParticipant\":true}")));
        assertInstanceOf(Added.class, client().add(Fixture.GROUP, PERSON), "the thread works normally afterwards");
    }

    @Test
    void aCallersOwnInterruptIsKept() {
        wm.stubFor(post(urlEqualTo(ADD)).willReturn(okJson("{\"addParticipant\":true}")));
        Thread.currentThread().interrupt();
        try {
            client().add(Fixture.GROUP, PERSON);
            assertTrue(Thread.currentThread().isInterrupted(), "the caller's interrupt is theirs");
        } finally {
            Thread.interrupted();
        }
    }
}
