package io.groupkit.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.bitrix24.Bitrix24Client;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.micrometer.GroupKitMetrics;
import io.groupkit.telegram.TelegramClient;
import io.groupkit.testkit.bitrix24.Bitrix24Simulator;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import io.groupkit.testkit.telegram.TelegramSimulator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every condition of the auto-configuration, against the simulators. */
class GroupKitAutoConfigurationTest {
    private static final String TOKEN = "t0kenSecretValue9f3a";
    private static final String CODE = "wh00kSecretCode7q";

    private final GreenApiSimulator whatsapp = GreenApiSimulator.start();
    private final Bitrix24Simulator portal = Bitrix24Simulator.start(io.groupkit.core.time.TimeSource.system());
    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            GroupKitMetricsAutoConfiguration.class, GroupKitAutoConfiguration.class, GroupKitHealthAutoConfiguration.class));

    GroupKitAutoConfigurationTest() {
        whatsapp.instance("1101000001", TOKEN).group("120363043968066561@g.us", "79005550001@c.us");
        portal.users(1).chat(501, 1);
    }

    @AfterEach
    void stop() {
        whatsapp.close();
        portal.close();
    }

    private String[] greenapi() {
        return new String[] {"groupkit.greenapi.api-url=" + whatsapp.url(), "groupkit.greenapi.instance-id=1101000001",
                "groupkit.greenapi.token=" + TOKEN};
    }

    @Test
    void withoutCredentialsThereIsNoClient() {
        runner.run(ctx -> {
            assertTrue(ctx.getBeansOfType(GroupMembership.class).isEmpty());
            assertTrue(ctx.getBeansOfType(HealthIndicator.class).isEmpty());
            assertEquals(1, ctx.getBeansOfType(Policies.class).size(), "the shared policies are there for your own clients");
        });
    }

    @Test
    void thePhoneRegionReadsNationalNumbers() {
        runner.withPropertyValues("groupkit.phone-region=ru").run(ctx -> assertEquals("79001234567",
                ctx.getBean(io.groupkit.core.Phones.class).parse("8 (900) 123-45-67").digits()));
        runner.run(ctx -> assertEquals(java.util.Optional.empty(), ctx.getBean(io.groupkit.core.Phones.class).region(),
                "without the property: international numbers only"));
        runner.withPropertyValues("groupkit.phone-region=Russia").run(ctx -> {
            Throwable root = ctx.getStartupFailure();
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertTrue(root.getMessage().contains("ISO 3166"), root.getMessage());
        });
    }

    @Test
    void greenApiCredentialsMakeAClientWithAHealthIndicator() {
        runner.withPropertyValues(greenapi()).withPropertyValues("groupkit.policies.invite-fallback=ATTACH_LINK",
                "groupkit.policies.attempt-timeout=20s", "groupkit.policies.rate-limiter-timeout=1500ms",
                "groupkit.policies.prechecks=false").run(ctx -> {
                    assertEquals(Duration.ofMillis(1500), ctx.getBean(Policies.class).rateLimiterTimeout());
                    assertEquals(Prechecks.OFF, ctx.getBean(Policies.class).prechecks(), "a flag binds as it did");
                    GreenApiClient client = ctx.getBean(GreenApiClient.class);
                    assertEquals(InviteFallback.ATTACH_LINK, ctx.getBean(Policies.class).inviteFallback());
                    assertEquals(Duration.ofSeconds(20), ctx.getBean(Policies.class).attemptTimeout());
                    assertEquals(java.util.Optional.empty(), ctx.getBean(Policies.class).callTimeout(), "none unless set");
                    assertFalse(client.toString().contains(TOKEN));
                    Health health = ctx.getBean("greenapiHealthIndicator", HealthIndicator.class).health(true);
                    assertEquals(Status.UP, health.getStatus());
                    assertEquals("AUTHORIZED", health.getDetails().get("state"));
                    assertNoSecrets(health.getDetails());
                });
    }

    @Test
    void theWholeCallsTimeoutBinds() {
        runner.withPropertyValues(greenapi()).withPropertyValues("groupkit.policies.call-timeout=45s").run(ctx ->
                assertEquals(java.util.Optional.of(Duration.ofSeconds(45)), ctx.getBean(Policies.class).callTimeout()));
    }

    @Test
    void aYellowCardIsNotUp() {
        whatsapp.instance("1101000001", TOKEN).state("yellowCard");
        runner.withPropertyValues(greenapi()).run(ctx -> {
            Health health = ctx.getBean("greenapiHealthIndicator", HealthIndicator.class).health(true);
            assertEquals(Status.OUT_OF_SERVICE, health.getStatus());
            assertEquals("SPAM_SUSPENDED", health.getDetails().get("state"));
            assertNoSecrets(health.getDetails());
        });
    }

    @Test
    void aWrongTokenIsDownAndSaysSoWithoutTheToken() {
        runner.withPropertyValues("groupkit.greenapi.api-url=" + whatsapp.url(), "groupkit.greenapi.instance-id=1101000001",
                "groupkit.greenapi.token=wrongToken123").run(ctx -> {
                    Health health = ctx.getBean("greenapiHealthIndicator", HealthIndicator.class).health(true);
                    assertEquals(Status.DOWN, health.getStatus());
                    assertEquals("UNAUTHORIZED", health.getDetails().get("outcome"));
                    assertFalse(health.getDetails().toString().contains("wrongToken123"));
                });
    }

    @Test
    void aClientOfTheApplicationsOwnWins() {
        runner.withPropertyValues(greenapi()).withUserConfiguration(OwnClient.class).run(ctx -> {
            assertSame(OwnClient.CLIENT, ctx.getBean(GreenApiClient.class));
            assertEquals(1, ctx.getBeansOfType(GreenApiClient.class).size());
        });
    }

    @Test
    void theApplicationsRateLimiterPacesEveryClient() {
        runner.withPropertyValues(greenapi()).withUserConfiguration(OwnLimiter.class).run(ctx -> {
            assertSame(OwnLimiter.LIMITER, ctx.getBean(Policies.class).rateLimiter().orElseThrow(),
                    "a fleet's limiter, defined as a bean, is the one the clients pace with");
            int before = OwnLimiter.ASKED.get();
            ctx.getBean(GreenApiClient.class).state();
            assertTrue(OwnLimiter.ASKED.get() > before, "the client asked the application's limiter for its permit");
        });
        runner.withPropertyValues(greenapi()).run(ctx -> assertTrue(ctx.getBean(Policies.class).rateLimiter().isEmpty(),
                "without one, each client keeps its own in-memory limiter"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnLimiter {
        static final java.util.concurrent.atomic.AtomicInteger ASKED = new java.util.concurrent.atomic.AtomicInteger();
        static final io.groupkit.core.policy.RateLimiter LIMITER = new io.groupkit.core.policy.RateLimiter() {
            private final io.groupkit.core.policy.RateLimiter inner = new io.groupkit.core.policy.TokenBucketRateLimiter();

            @Override
            public Duration reserve(String key, io.groupkit.core.policy.RateLimit limit, long nowNanos) {
                ASKED.incrementAndGet();
                return inner.reserve(key, limit, nowNanos);
            }
        };

        @Bean
        io.groupkit.core.policy.RateLimiter fleetLimiter() {
            return LIMITER;
        }
    }

    @Test
    void bitrix24AndTelegramClientsAndTheirHealth() throws Exception {
        try (TelegramSimulator telegram = TelegramSimulator.start()) {
            runner.withPropertyValues("groupkit.bitrix24.webhook=" + portal.webhook(1, CODE),
                    "groupkit.bitrix24.pacing-headroom=0.5", "groupkit.telegram.session=" + telegram.sessionString(),
                    "groupkit.telegram.api-id=12345").run(ctx -> {
                        assertTrue(ctx.containsBean("bitrix24Client"));
                        Health b24 = ctx.getBean("bitrix24HealthIndicator", HealthIndicator.class).health(true);
                        assertEquals(Status.UP, b24.getStatus(), b24::toString);
                        assertFalse(b24.toString().contains(CODE));
                        TelegramClient client = ctx.getBean(TelegramClient.class);
                        Health tg = ctx.getBean("telegramHealthIndicator", HealthIndicator.class).health(true);
                        assertEquals(Status.UP, tg.getStatus(), tg::toString);
                        assertFalse(tg.toString().contains(telegram.sessionString()));
                        assertFalse(client.toString().contains(telegram.sessionString()));
                    });
        }
    }

    @Test
    void aBitrix24OAuthAppUsesTheApplicationsTokenStore() {
        String endpoint = portal.oauthApp(1, "app.client", "clientSecret42", "access1", "refresh1", Duration.ofHours(1));
        io.groupkit.bitrix24.TokenStore store = io.groupkit.bitrix24.TokenStore.inMemory(
                new io.groupkit.bitrix24.TokenPair("access1", "refresh1"));
        String[] oauth = {"groupkit.bitrix24.client-endpoint=" + endpoint, "groupkit.bitrix24.client-id=app.client",
                "groupkit.bitrix24.client-secret=clientSecret42", "groupkit.bitrix24.oauth-server=" + portal.url()};
        runner.withPropertyValues(oauth).withBean(io.groupkit.bitrix24.TokenStore.class, () -> store).run(ctx -> {
            Health h = ctx.getBean("bitrix24HealthIndicator", HealthIndicator.class).health(true);
            assertEquals(Status.UP, h.getStatus(), h::toString);
            assertFalse(ctx.getBean(Bitrix24Client.class).toString().contains("clientSecret42"));
        });
        runner.withPropertyValues(oauth).run(ctx -> {
            Throwable root = ctx.getStartupFailure();
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertTrue(root.getMessage().contains("TokenStore bean"), root.getMessage());
            assertFalse(root.getMessage().contains("clientSecret42"));
        });
    }

    @Test
    void aDeadBitrix24WebhookIsDown() {
        runner.withPropertyValues("groupkit.bitrix24.webhook=" + portal.webhook(1, CODE).replace(CODE, "otherCode99"))
                .run(ctx -> {
                    Health h = ctx.getBean("bitrix24HealthIndicator", HealthIndicator.class).health(true);
                    assertEquals(Status.DOWN, h.getStatus());
                    assertEquals("UNAUTHORIZED", h.getDetails().get("outcome"));
                });
    }

    @Test
    void aMeterRegistryGetsTheClientsMetrics() {
        runner.withPropertyValues(greenapi()).withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(ctx -> {
            GroupKitMetrics metrics = ctx.getBean(GroupKitMetrics.class);
            assertSame(metrics, ctx.getBean(Policies.class).listener(), "the clients report to the metrics");
            ctx.getBean(GreenApiClient.class).members(io.groupkit.core.GroupRef.of("120363043968066561@g.us"));
            MeterRegistry meters = ctx.getBean(MeterRegistry.class);
            assertEquals(1, meters.get("groupkit.calls").tags("provider", "green-api", "operation", "MEMBERS").counter().count());
        });
    }

    @Test
    void withoutMicrometerOrARegistryThereAreNoMetrics() {
        runner.withPropertyValues(greenapi()).run(ctx -> assertTrue(ctx.getBeansOfType(GroupKitMetrics.class).isEmpty()));
        runner.withPropertyValues(greenapi()).withClassLoader(new FilteredClassLoader(GroupKitMetrics.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(ctx -> {
                    assertTrue(ctx.getBeansOfType(GroupKitMetrics.class).isEmpty());
                    assertSame(io.groupkit.core.GroupKitListener.NONE, ctx.getBean(Policies.class).listener());
                });
    }

    @Test
    void withoutAnAdapterOnTheClassPathTheCredentialsAreIgnored() {
        runner.withPropertyValues(greenapi()).withClassLoader(new FilteredClassLoader(GreenApi.class))
                .run(ctx -> assertTrue(ctx.getBeansOfType(GroupMembership.class).isEmpty()));
    }

    @Test
    void withoutHealthOnTheClassPathThereAreNoIndicators() {
        runner.withPropertyValues(greenapi()).withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run(ctx -> {
                    assertTrue(ctx.containsBean("greenApiClient"));
                    assertFalse(ctx.containsBean("greenapiHealthIndicator"));
                });
    }

    @Test
    void incompleteCredentialsFailTheStartWithAMessage() {
        runner.withPropertyValues("groupkit.greenapi.instance-id=1101000001").run(ctx -> {
            assertTrue(ctx.getStartupFailure() != null);
            Throwable root = ctx.getStartupFailure();
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertTrue(root.getMessage().contains("api-url and token"), root.getMessage());
        });
    }

    @Test
    void aTelegramSessionFileIsSeededFromTheSessionOnceAndThenRead(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (TelegramSimulator telegram = TelegramSimulator.start()) {
            java.nio.file.Path file = dir.resolve("telegram.session");
            runner.withPropertyValues("groupkit.telegram.session-file=" + file, "groupkit.telegram.session="
                    + telegram.sessionString(), "groupkit.telegram.api-id=1").run(ctx -> {
                        assertEquals(io.groupkit.core.OutcomeKind.ACCOUNT_STATUS,
                                ctx.getBean(TelegramClient.class).state().kind());
                        assertTrue(java.nio.file.Files.readString(file).startsWith("gk1:"), "the file holds the session");
                    });
            runner.withPropertyValues("groupkit.telegram.session-file=" + file, "groupkit.telegram.api-id=1").run(ctx ->
                    assertEquals(io.groupkit.core.OutcomeKind.ACCOUNT_STATUS, ctx.getBean(TelegramClient.class).state().kind(),
                            "the file alone is enough"));
            io.groupkit.telegram.SessionStore mine = io.groupkit.telegram.SessionStore.inMemory();
            mine.save(io.groupkit.telegram.TelegramSession.fromTelethon(telegram.sessionString()));
            runner.withBean(io.groupkit.telegram.SessionStore.class, () -> mine).withPropertyValues("groupkit.telegram.api-id=1")
                    .run(ctx -> assertEquals(io.groupkit.core.OutcomeKind.ACCOUNT_STATUS,
                            ctx.getBean(TelegramClient.class).state().kind(), "an application's own store is used"));
            runner.withPropertyValues("groupkit.telegram.session-file=" + dir.resolve("none"), "groupkit.telegram.api-id=1")
                    .run(ctx -> {
                        assertTrue(ctx.getStartupFailure() != null, "an empty file and no session is a setup error");
                        Throwable root = ctx.getStartupFailure();
                        while (root.getCause() != null) {
                            root = root.getCause();
                        }
                        assertTrue(root.getMessage().contains("log in first"), root.getMessage());
                    });
        }
    }

    @Test
    void theTelegramClientIsClosedWithTheContext() throws Exception {
        try (TelegramSimulator telegram = TelegramSimulator.start()) {
            TelegramClient[] seen = new TelegramClient[1];
            runner.withPropertyValues("groupkit.telegram.session=" + telegram.sessionString(), "groupkit.telegram.api-id=1")
                    .run(ctx -> {
                        seen[0] = ctx.getBean(TelegramClient.class);
                        assertEquals(io.groupkit.core.OutcomeKind.ACCOUNT_STATUS, seen[0].state().kind());
                    });
            int before = telegram.connectionsAccepted();
            // Closed with the context: using it now is a bug, and nothing is sent.
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, seen[0]::check,
                    "the client was closed with the context");
            assertEquals(before, telegram.connectionsAccepted());
        }
    }

    private static void assertNoSecrets(Map<String, Object> details) {
        String text = details.toString();
        assertFalse(text.contains(TOKEN), text);
        assertFalse(text.matches(".*\\d{7,}.*"), "no phone number in the details: " + text);
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnClient {
        static final GreenApiClient CLIENT = GreenApi.builder().apiUrl("https://7103.api.greenapi.com")
                .instance("7103000001", "ownToken").build();

        @Bean
        GreenApiClient myWhatsapp() {
            return CLIENT;
        }
    }
}
