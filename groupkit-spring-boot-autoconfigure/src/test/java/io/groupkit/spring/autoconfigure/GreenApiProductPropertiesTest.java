package io.groupkit.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AccountState;
import io.groupkit.core.AccountStatus;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.greenapi.GreenApiProduct;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code groupkit.greenapi[.accounts.<name>].product} and {@code path-prefix}: each account's messenger. */
class GreenApiProductPropertiesTest {
    private static final String TOKEN = "pr0ductTokenSecret9";

    private final GreenApiSimulator simulator = GreenApiSimulator.start();
    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            GroupKitAutoConfiguration.class));

    GreenApiProductPropertiesTest() {
        simulator.instance("1101000001", TOKEN);
    }

    @AfterEach
    void stop() throws Exception {
        simulator.close();
    }

    private String[] account(String name, String product) {
        String p = "groupkit.greenapi.accounts." + name + ".";
        return new String[] {p + "api-url=" + simulator.url(), p + "instance-id=1101000001", p + "token=" + TOKEN,
            p + "product=" + product};
    }

    @Test
    void namedAccountsOfDifferentProductsGetClientsOfTheirProduct() {
        runner.withPropertyValues(account("sales", "whatsapp")).withPropertyValues(account("max", "MAX"))
                .withPropertyValues(account("tg", "telegram")).withPropertyValues(account("insta", "instagram"))
                .withPropertyValues("groupkit.greenapi.accounts.plain.api-url=" + simulator.url(),
                        "groupkit.greenapi.accounts.plain.instance-id=1101000001",
                        "groupkit.greenapi.accounts.plain.token=" + TOKEN)
                .run(ctx -> {
                    assertNull(ctx.getStartupFailure());
                    assertEquals(GreenApiProduct.WHATSAPP, ctx.getBean("salesGreenApiClient", GreenApiClient.class).product());
                    assertEquals(GreenApiProduct.MAX, ctx.getBean("maxGreenApiClient", GreenApiClient.class).product());
                    assertEquals(GreenApiProduct.TELEGRAM, ctx.getBean("tgGreenApiClient", GreenApiClient.class).product());
                    assertEquals(GreenApiProduct.INSTAGRAM, ctx.getBean("instaGreenApiClient", GreenApiClient.class).product());
                    assertEquals(GreenApiProduct.WHATSAPP, ctx.getBean("plainGreenApiClient", GreenApiClient.class).product(),
                            "no product is WhatsApp");
                });
    }

    @Test
    void theSingleAccountTakesAProductAndAPathPrefix() {
        // The simulator answers without /v3: a MAX client reaches it only if the empty prefix was passed on.
        runner.withPropertyValues("groupkit.greenapi.api-url=" + simulator.url(), "groupkit.greenapi.instance-id=1101000001",
                "groupkit.greenapi.token=" + TOKEN, "groupkit.greenapi.product=v3", "groupkit.greenapi.path-prefix=")
                .run(ctx -> {
                    assertNull(ctx.getStartupFailure());
                    GreenApiClient client = ctx.getBean(GreenApiClient.class);
                    assertEquals(GreenApiProduct.MAX, client.product());
                    AccountStatus status = (AccountStatus) client.state();
                    assertEquals(AccountState.AUTHORIZED, status.state());
                });
        // Without it the client asks under /v3/, which the simulator does not serve: the prefix above made the difference.
        runner.withPropertyValues("groupkit.greenapi.api-url=" + simulator.url(), "groupkit.greenapi.instance-id=1101000001",
                "groupkit.greenapi.token=" + TOKEN, "groupkit.greenapi.product=max")
                .run(ctx -> assertFalse(ctx.getBean(GreenApiClient.class).state() instanceof AccountStatus));
    }

    @Test
    void aProductNoOneHasStopsTheStartNamingTheAllowedOnes() {
        runner.withPropertyValues(account("sales", "whatsapp")).withPropertyValues(account("vk", "vkontakte"))
                .run(ctx -> assertEquals("groupkit.greenapi.accounts.vk.product: expected a Green-API product: one of"
                        + " whatsapp, max, telegram, instagram; got 'vkontakte'", rootMessage(ctx)));
        runner.withPropertyValues("groupkit.greenapi.api-url=" + simulator.url(), "groupkit.greenapi.instance-id=1101000001",
                "groupkit.greenapi.token=" + TOKEN, "groupkit.greenapi.product=icq")
                .run(ctx -> assertTrue(rootMessage(ctx).startsWith("groupkit.greenapi.product: expected a Green-API"
                        + " product: one of whatsapp, max, telegram, instagram"), rootMessage(ctx)));
        runner.withPropertyValues(account("max", "max")).withPropertyValues("groupkit.greenapi.accounts.max.path-prefix=v3?x")
                .run(ctx -> assertTrue(rootMessage(ctx).startsWith("groupkit.greenapi.accounts.max.path-prefix: expected"
                        + " a path prefix such as /v3"), rootMessage(ctx)));
    }

    private static String rootMessage(AssertableApplicationContext ctx) {
        Throwable t = ctx.getStartupFailure();
        assertNotNull(t, "the context should not start");
        while (t.getCause() != null && t.getCause() != t && !(t instanceof IllegalStateException
                && t.getMessage() != null && t.getMessage().startsWith("groupkit."))) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
