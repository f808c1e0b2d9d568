package io.groupkit.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.bitrix24.Bitrix24Client;
import io.groupkit.bitrix24.TokenPair;
import io.groupkit.bitrix24.TokenStore;
import io.groupkit.core.GroupKitListener;
import io.groupkit.core.Policies;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.telegram.SessionStore;
import io.groupkit.telegram.TelegramClient;
import io.groupkit.telegram.TelegramSession;
import io.groupkit.testkit.bitrix24.Bitrix24Simulator;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Several accounts per provider ({@code groupkit.<provider>.accounts.<name>.*}), against the simulators. */
class NamedAccountsTest {
    private static final String SALES_TOKEN = "salesT0kenSecret4a1";
    private static final String SUPPORT_TOKEN = "supp0rtTokenSecret7b";
    private static final String CODE = "wh00kSecretCode7q";

    private final GreenApiSimulator whatsapp = GreenApiSimulator.start();
    private final Bitrix24Simulator portal = Bitrix24Simulator.start(io.groupkit.core.time.TimeSource.system());
    private final TelegramSimulator telegram = TelegramSimulator.start();
    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            GroupKitMetricsAutoConfiguration.class, GroupKitAutoConfiguration.class, GroupKitHealthAutoConfiguration.class));

    NamedAccountsTest() {
        whatsapp.instance("1101000001", SALES_TOKEN);
        whatsapp.instance("1101000002", SUPPORT_TOKEN);
        portal.users(1).chat(501, 1);
    }

    @AfterEach
    void stop() throws Exception {
        whatsapp.close();
        portal.close();
        telegram.close();
    }

    private String[] sales() {
        return new String[] {"groupkit.greenapi.accounts.sales.api-url=" + whatsapp.url(),
            "groupkit.greenapi.accounts.sales.instance-id=1101000001", "groupkit.greenapi.accounts.sales.token=" + SALES_TOKEN};
    }

    private String[] support(String token) {
        return new String[] {"groupkit.greenapi.accounts.support.api-url=" + whatsapp.url(),
            "groupkit.greenapi.accounts.support.instance-id=1101000002", "groupkit.greenapi.accounts.support.token=" + token,
            "groupkit.greenapi.accounts.support.pacing-headroom=0.5"};
    }

    private String[] portalAndOps() {
        return new String[] {"groupkit.bitrix24.accounts.portal.webhook=" + portal.webhook(1, CODE),
            "groupkit.telegram.accounts.ops.session=" + telegram.sessionString(), "groupkit.telegram.accounts.ops.api-id=1"};
    }

    /** An application's bean that asks for each account by its qualifier. */
    record Team(GreenApiClient sales, GreenApiClient support, Bitrix24Client portal, TelegramClient ops) {
    }

    @Configuration(proxyBeanMethods = false)
    static class TeamConfiguration {
        @Bean
        Team team(@Qualifier("sales") GreenApiClient sales, @Qualifier("support") GreenApiClient support,
                  @Qualifier("portal") Bitrix24Client portal, @Qualifier("ops") TelegramClient ops) {
            return new Team(sales, support, portal, ops);
        }
    }

    @Test
    void eachNamedAccountIsABeanInjectedByItsQualifier() {
        TelegramClient[] seen = new TelegramClient[1];
        runner.withPropertyValues(sales()).withPropertyValues(support(SUPPORT_TOKEN)).withPropertyValues(portalAndOps())
                .withUserConfiguration(TeamConfiguration.class).run(ctx -> {
                    assertNull(ctx.getStartupFailure());
                    Team team = ctx.getBean(Team.class);
                    assertSame(ctx.getBean("salesGreenApiClient"), team.sales());
                    assertSame(ctx.getBean("supportGreenApiClient"), team.support());
                    assertSame(ctx.getBean("portalBitrix24Client"), team.portal());
                    assertSame(ctx.getBean("opsTelegramClient"), team.ops());
                    assertNotSame(team.sales(), team.support());
                    assertEquals(2, ctx.getBeansOfType(GreenApiClient.class).size(), "no single-account client besides");
                    assertFalse(ctx.containsBean("greenApiClient"));

                    // Each client is its own instance: its calls reach its instance id, with its token.
                    team.sales().state();
                    assertEquals(List.of("1101000001"), instancesCalled());
                    team.support().state();
                    assertEquals(List.of("1101000001", "1101000002"), instancesCalled());
                    assertFalse(team.sales().toString().contains(SALES_TOKEN));
                    assertEquals(io.groupkit.core.OutcomeKind.ACCOUNT_STATUS, team.ops().state().kind());
                    seen[0] = team.ops();
                });
        assertThrows(IllegalStateException.class, seen[0]::check, "the Telegram client was closed with the context");
    }

    private List<String> instancesCalled() {
        return whatsapp.requests().stream().map(GreenApiSimulator.Request::instance).distinct().sorted().toList();
    }

    @Test
    void eachAccountsHealthIsItsOwnAndShowsNoSecret() {
        runner.withPropertyValues(sales()).withPropertyValues(support("wrongToken123")).withPropertyValues(portalAndOps())
                .run(ctx -> {
                    assertFalse(ctx.containsBean("greenapiHealthIndicator"), "one indicator per account, not one for all");
                    Health sales = health(ctx, "greenapi", "sales");
                    assertEquals(Status.UP, sales.getStatus(), sales::toString);
                    assertEquals("AUTHORIZED", sales.getDetails().get("state"));
                    Health support = health(ctx, "greenapi", "support");
                    assertEquals(Status.DOWN, support.getStatus(), support::toString);
                    assertEquals("UNAUTHORIZED", support.getDetails().get("outcome"));
                    Health b24 = health(ctx, "bitrix24", "portal");
                    assertEquals(Status.UP, b24.getStatus(), b24::toString);
                    Health ops = health(ctx, "telegram", "ops");
                    assertEquals(Status.UP, ops.getStatus(), ops::toString);
                    for (Health h : List.of(sales, support, b24, ops)) {
                        String text = h.toString();
                        assertFalse(text.contains(SALES_TOKEN) || text.contains("wrongToken123") || text.contains(CODE)
                                || text.contains(telegram.sessionString()), text);
                        assertFalse(text.matches("(?s).*\\d{7,}.*"), "no phone number or instance id in the details: " + text);
                    }
                });
    }

    private static Health health(AssertableApplicationContext ctx, String provider, String account) {
        CompositeHealthContributor composite = ctx.getBean(provider + "HealthContributor", CompositeHealthContributor.class);
        HealthIndicator indicator = (HealthIndicator) composite.getContributor(account);
        assertNotNull(indicator, provider + " has no indicator " + account);
        return indicator.health(true);
    }

    @Test
    void customizersChangeEveryAccountsBuilderInOrder() {
        runner.withPropertyValues(sales()).withPropertyValues(support(SUPPORT_TOKEN)).withPropertyValues(portalAndOps())
                .withUserConfiguration(Customizers.class).withBean(Calls.class, Calls::new).run(ctx -> {
                    assertNull(ctx.getStartupFailure());
                    Calls calls = ctx.getBean(Calls.class);
                    ctx.getBean("salesGreenApiClient", GreenApiClient.class).state();
                    ctx.getBean("supportGreenApiClient", GreenApiClient.class).state();
                    ctx.getBean("portalBitrix24Client", Bitrix24Client.class).groups(io.groupkit.core.GroupsPage.first());
                    ctx.getBean("opsTelegramClient", TelegramClient.class).state();
                    // @Order(1) ran before @Order(2): the second listener is the one each client reports to.
                    assertEquals(List.of("second:sales:green-api", "second:support:green-api", "second:portal:bitrix24",
                            "second:ops:telegram"), calls.seen.stream().distinct().toList());
                    assertEquals(List.of("greenapi:sales", "greenapi:support"), calls.greenApiAccounts.stream().sorted().toList(),
                            "applied once to each account's builder");
                });
    }

    /** What the customizers' listeners saw: {@code listener:account:provider}. */
    static final class Calls {
        final List<String> seen = Collections.synchronizedList(new ArrayList<>());
        final List<String> greenApiAccounts = Collections.synchronizedList(new ArrayList<>());

        Policies reportingAs(String listener, String account) {
            return Policies.builder().listener(new GroupKitListener() {
                @Override
                public void callStarted(Call call) {
                    seen.add(listener + ":" + account + ":" + call.provider());
                }
            }).build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {
        @Bean
        @Order(2)
        GreenApiBuilderCustomizer secondGreenApi(Calls calls) {
            return (account, b) -> b.policies(calls.reportingAs("second", account));
        }

        @Bean
        @Order(1)
        GreenApiBuilderCustomizer firstGreenApi(Calls calls) {
            return (account, b) -> {
                calls.greenApiAccounts.add("greenapi:" + account);
                b.policies(calls.reportingAs("first", account));
            };
        }

        @Bean
        @Order(2)
        Bitrix24BuilderCustomizer secondBitrix24(Calls calls) {
            return (account, b) -> b.policies(calls.reportingAs("second", account));
        }

        @Bean
        @Order(1)
        Bitrix24BuilderCustomizer firstBitrix24(Calls calls) {
            return (account, b) -> b.policies(calls.reportingAs("first", account));
        }

        @Bean
        @Order(2)
        TelegramBuilderCustomizer secondTelegram(Calls calls) {
            return (account, b) -> b.policies(calls.reportingAs("second", account));
        }

        @Bean
        @Order(1)
        TelegramBuilderCustomizer firstTelegram(Calls calls) {
            return (account, b) -> b.policies(calls.reportingAs("first", account));
        }
    }

    @Test
    void theSingleAccountIsTheDefaultBesideNamedOnes() {
        runner.withPropertyValues("groupkit.greenapi.api-url=" + whatsapp.url(), "groupkit.greenapi.instance-id=1101000001",
                "groupkit.greenapi.token=" + SALES_TOKEN).withPropertyValues(support(SUPPORT_TOKEN))
                .withUserConfiguration(Customizers.class).withBean(Calls.class, Calls::new).run(ctx -> {
                    assertNull(ctx.getStartupFailure());
                    assertSame(ctx.getBean("greenApiClient"), ctx.getBean(GreenApiClient.class),
                            "an unqualified injection point gets the single account, as before");
                    assertEquals(Status.UP, health(ctx, "greenapi", "default").getStatus());
                    assertEquals(Status.UP, health(ctx, "greenapi", "support").getStatus());
                    assertEquals(List.of("greenapi:default", "greenapi:support"),
                            ctx.getBean(Calls.class).greenApiAccounts.stream().sorted().toList(),
                            "the customizers see the single account as 'default'");
                });
    }

    @Test
    void anUnresolvedPlaceholderIsNamedAsSuch() {
        runner.withPropertyValues(sales()).withPropertyValues("groupkit.greenapi.accounts.support.instance-id=1101000002",
                "groupkit.greenapi.accounts.support.api-url=http://127.0.0.1:1",
                "groupkit.greenapi.accounts.support.token=${GREEN_API_SUPPORT_TOKEN_NOT_SET}").run(ctx -> assertEquals(
                        "groupkit.greenapi.accounts.support.token is ${GREEN_API_SUPPORT_TOKEN_NOT_SET}, which nothing"
                                + " resolved: set that environment variable or property", rootMessage(ctx)));
    }

    @Test
    void aMissingKeyIsNamedWithItsAccountAndNoSecret() {
        runner.withPropertyValues(sales()).withPropertyValues("groupkit.greenapi.accounts.broken.instance-id=1101000003")
                .run(ctx -> assertEquals("groupkit.greenapi.accounts.broken needs api-url and token besides instance-id",
                        rootMessage(ctx)));
        runner.withPropertyValues("groupkit.greenapi.accounts.sales.instance-id=1101000001",
                "groupkit.greenapi.accounts.sales.token=" + SALES_TOKEN).run(ctx -> {
                    String message = rootMessage(ctx);
                    assertTrue(message.startsWith("groupkit.greenapi.accounts.sales needs api-url"), message);
                    assertFalse(message.contains(SALES_TOKEN), message);
                });
        runner.withPropertyValues("groupkit.bitrix24.accounts.app.client-id=app.client",
                "groupkit.bitrix24.accounts.app.client-secret=clientSecret42").run(ctx -> {
                    String message = rootMessage(ctx);
                    assertEquals("groupkit.bitrix24.accounts.app needs client-endpoint besides client-secret and client-id",
                            message);
                });
        runner.withPropertyValues("groupkit.telegram.accounts.ops.api-id=1").run(ctx -> {
            String message = rootMessage(ctx);
            assertTrue(message.startsWith("groupkit.telegram.accounts.ops needs session-file or session"), message);
        });
        runner.withPropertyValues("groupkit.greenapi.accounts.default.instance-id=1101000001").run(ctx ->
                assertTrue(rootMessage(ctx).contains("the name 'default' is the single account's"), rootMessage(ctx)));
    }

    private static String rootMessage(AssertableApplicationContext ctx) {
        Throwable root = ctx.getStartupFailure();
        assertNotNull(root, "the start should have failed");
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Test
    void anOAuthAccountsTokenStoreAndATelegramAccountsSessionStoreAreTheApplicationsQualifiedBeans() {
        String endpoint = portal.oauthApp(1, "app.client", "clientSecret42", "access1", "refresh1", Duration.ofHours(1));
        String[] oauth = {"groupkit.bitrix24.accounts.app.client-endpoint=" + endpoint,
            "groupkit.bitrix24.accounts.app.client-id=app.client", "groupkit.bitrix24.accounts.app.client-secret=clientSecret42",
            "groupkit.bitrix24.accounts.app.oauth-server=" + portal.url(), "groupkit.telegram.accounts.ops.api-id=1"};
        TokenStore tokens = TokenStore.inMemory(new TokenPair("access1", "refresh1"));
        SessionStore sessions = SessionStore.inMemory();
        sessions.save(TelegramSession.fromTelethon(telegram.sessionString()));
        runner.withPropertyValues(oauth)
                .withBean("appTokens", TokenStore.class, () -> tokens, bd -> accountsOwn(bd, "app"))
                .withBean("opsSession", SessionStore.class, () -> sessions, bd -> accountsOwn(bd, "ops"))
                .run(ctx -> {
                    assertNull(ctx.getStartupFailure());
                    assertEquals(Status.UP, health(ctx, "bitrix24", "app").getStatus());
                    assertEquals(Status.UP, health(ctx, "telegram", "ops").getStatus());
                    assertFalse(ctx.containsBean("telegramClient"), "the account's store makes no single-account client");
                    assertFalse(ctx.getBean("appBitrix24Client").toString().contains("clientSecret42"));
                });
        // A store that is a default candidate would also be taken for the single account: refused, by name.
        runner.withPropertyValues(oauth).withBean("appTokens", TokenStore.class, () -> tokens,
                bd -> ((AbstractBeanDefinition) bd).addQualifier(new AutowireCandidateQualifier(Qualifier.class, "app")))
                .withBean("opsSession", SessionStore.class, () -> sessions, bd -> accountsOwn(bd, "ops"))
                .run(ctx -> {
                    String message = rootMessage(ctx);
                    assertTrue(message.contains("'appTokens' of groupkit.bitrix24.accounts.app must be declared"
                            + " @Bean(defaultCandidate = false)"), message);
                    assertFalse(message.contains("clientSecret42"), message);
                });
        runner.withPropertyValues(oauth).withBean("opsSession", SessionStore.class, () -> sessions,
                bd -> accountsOwn(bd, "ops")).run(ctx -> {
                    String message = rootMessage(ctx);
                    assertTrue(message.startsWith("groupkit.bitrix24.accounts.app is an OAuth app: it needs a TokenStore"),
                            message);
                });
    }

    private static void accountsOwn(org.springframework.beans.factory.config.BeanDefinition bd, String account) {
        ((AbstractBeanDefinition) bd).addQualifier(new AutowireCandidateQualifier(Qualifier.class, account));
        ((AbstractBeanDefinition) bd).setDefaultCandidate(false);
    }

    @Test
    void theApplicationsOwnBeanOfAnAccountsNameWins() {
        GreenApiClient mine = io.groupkit.greenapi.GreenApi.builder().apiUrl(whatsapp.url())
                .instance("1101000001", SALES_TOKEN).build();
        runner.withPropertyValues(sales()).withPropertyValues(support(SUPPORT_TOKEN))
                .withBean("salesGreenApiClient", GreenApiClient.class, () -> mine).run(ctx -> {
                    assertNull(ctx.getStartupFailure());
                    assertSame(mine, ctx.getBean("salesGreenApiClient"));
                    assertEquals(java.util.Set.of("salesGreenApiClient", "supportGreenApiClient"),
                            ctx.getBeansOfType(GreenApiClient.class).keySet(), "the other account is still made");
                    assertEquals(Status.UP, health(ctx, "greenapi", "sales").getStatus(), "its health is the application's bean's");
                    assertEquals(java.util.Set.of("sales", "support"), ctx.getBean("greenapiHealthContributor",
                            CompositeHealthContributor.class).stream().map(e -> e.name()).collect(java.util.stream.Collectors.toSet()),
                            "the application's bean is the account's, not also the default");
                });
    }

    private static void assertNull(Object o) {
        org.junit.jupiter.api.Assertions.assertNull(o, () -> String.valueOf(o));
    }
}
