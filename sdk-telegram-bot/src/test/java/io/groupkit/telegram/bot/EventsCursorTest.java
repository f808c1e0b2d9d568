package io.groupkit.telegram.bot;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.groupkit.telegram.bot.Fixture.error;
import static io.groupkit.telegram.bot.Fixture.ok;
import static io.groupkit.telegram.bot.Fixture.path;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.groupkit.core.EventsResult;
import io.groupkit.core.Policies;
import io.groupkit.core.Unavailable;
import io.groupkit.core.events.EventPage;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.time.TimeSource;
import io.groupkit.telegram.bot.internal.BotProvider;
import io.groupkit.telegram.bot.internal.BotTransport;
import io.groupkit.testkit.time.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The getUpdates cursor: start from now, the offset read on, the 24-hour gap, bad answers. */
class EventsCursorTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final VirtualTime time = VirtualTime.startingAt(NOW);
    private final AttemptContext ctx = new AttemptContext() {
        @Override
        public int attempt() {
            return 1;
        }

        @Override
        public TimeSource time() {
            return time;
        }

        @Override
        public CompletionStage<Void> pace(RateLimit limit) {
            return CompletableFuture.completedFuture(null);
        }
    };

    private BotProvider provider(Duration pollTimeout) {
        return new BotProvider(new BotTransport(new SyncHttpClient(), wm.baseUrl(), Fixture.TOKEN, Duration.ofSeconds(5),
                1 << 20), Fixture.BOT_ID, Duration.ofDays(7), pollTimeout);
    }

    private EventsResult read(BotProvider p, Optional<String> cursor) {
        return p.events(ctx, cursor).toCompletableFuture().join();
    }

    private static void updatesFrom(long offset, String answer) {
        wm.stubFor(post(urlEqualTo(path("getUpdates"))).withRequestBody(matchingJsonPath("$.offset",
                equalTo(Long.toString(offset)))).willReturn(ok(answer)));
    }

    @Test
    void startingFromNowReportsNothingAndReadsOnAfterTheNewestUpdate() {
        updatesFrom(-1, "[" + Updates.joinRequest(99, 1) + "]");
        EventPage page = assertInstanceOf(EventPage.class, read(provider(Duration.ZERO), Optional.empty()));
        assertEquals("v1:100:" + NOW.getEpochSecond(), page.cursor());
        assertTrue(page.events().isEmpty());
        assertFalse(page.gap());
        wm.verify(postRequestedFor(urlEqualTo(path("getUpdates"))).withRequestBody(matchingJsonPath("$.limit", equalTo("1"))));
    }

    @Test
    void startingFromNowOnAnEmptyQueueReadsEverythingThatComesNext() {
        updatesFrom(-1, "[]");
        EventPage page = assertInstanceOf(EventPage.class, read(provider(Duration.ZERO), Optional.empty()));
        assertEquals("v1:0:" + NOW.getEpochSecond(), page.cursor());
    }

    @Test
    void aCursorReadMoreThanADayAgoIsAGapAndALongPollAsksForItsTimeout() {
        updatesFrom(100, "[" + Updates.joinRequest(100, 555000111L) + "]");
        BotProvider p = provider(Duration.ofSeconds(20));
        long dayAgo = NOW.minus(Duration.ofHours(23)).getEpochSecond();
        EventPage fresh = assertInstanceOf(EventPage.class, read(p, Optional.of("v1:100:" + dayAgo)));
        assertFalse(fresh.gap());
        assertEquals("v1:101:" + NOW.getEpochSecond(), fresh.cursor());
        assertEquals(1, fresh.events().size());
        long older = NOW.minus(Duration.ofHours(25)).getEpochSecond();
        assertTrue(assertInstanceOf(EventPage.class, read(p, Optional.of("v1:100:" + older))).gap());
        wm.verify(postRequestedFor(urlEqualTo(path("getUpdates"))).withRequestBody(matchingJsonPath("$.timeout",
                equalTo("20"))));
    }

    @Test
    void aBadAnswerIsAFailureAndNeverMovesTheCursor() {
        BotProvider p = provider(Duration.ZERO);
        updatesFrom(100, "[{\"chat_member\":{}}]");
        assertInstanceOf(Unavailable.class, read(p, Optional.of("v1:100:" + NOW.getEpochSecond())));
        wm.stubFor(post(urlEqualTo(path("getUpdates"))).willReturn(error(409,
                "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", "")));
        Unavailable conflict = assertInstanceOf(Unavailable.class, read(p, Optional.of("v1:100:" + NOW.getEpochSecond())));
        assertEquals("CONFLICT", conflict.detail().code());
        assertThrows(IllegalArgumentException.class, () -> read(p, Optional.of("100")));
    }

    @Test
    void theAttemptTimeoutMustOutlastALongPoll() {
        var b = TelegramBot.builder().token(Fixture.TOKEN).pollTimeout(Duration.ofSeconds(30))
                .policies(Policies.builder().attemptTimeout(Duration.ofSeconds(20)).build());
        assertThrows(IllegalArgumentException.class, b::build);
        assertThrows(IllegalArgumentException.class, () -> TelegramBot.builder().pollTimeout(Duration.ofSeconds(51)));
    }
}
