package io.groupkit.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.AddResult;
import io.groupkit.core.Member;
import io.groupkit.core.NotAdded;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipEventHandler;
import io.groupkit.telegram.bot.TelegramBotChat;
import io.groupkit.telegram.bot.TelegramBotClient;
import io.groupkit.telegram.bot.TelegramBotWebhook;
import io.groupkit.testkit.telegrambot.BotApiSimulator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** {@code groupkit.telegram-bot.*} against the Bot API simulator. */
class TelegramBotAutoConfigurationTest {
    private static final long GROUP = -1001234567890L;
    private static final String HOOK_SECRET = "h00kSecret_42";

    private final BotApiSimulator sim = BotApiSimulator.start();
    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(
            GroupKitMetricsAutoConfiguration.class, GroupKitAutoConfiguration.class, GroupKitHealthAutoConfiguration.class));

    TelegramBotAutoConfigurationTest() {
        sim.user(1001, "alice").user(1002, "bob").supergroup(GROUP, 1001);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private String[] bot(String prefix) {
        return new String[] {prefix + ".token=" + sim.token(), prefix + ".api-url=" + sim.apiUrl(),
            prefix + ".personal-link-expiry=2d", prefix + ".poll-timeout=0s"};
    }

    @Test
    void aTokenMakesABotClientWhoseAddGivesAPersonalLink() {
        runner.withPropertyValues(bot("groupkit.telegram-bot")).run(ctx -> {
            TelegramBotClient client = ctx.getBean(TelegramBotClient.class);
            AddResult r = client.add(TelegramBotChat.of(GROUP), Member.userId("1002"));
            NotAdded refused = assertInstanceOf(NotAdded.class, r, r::toString);
            assertTrue(refused.inviteLink().isPresent(), "the shared fallback OFF becomes ATTACH_LINK for a bot: " + r);
            assertEquals(1, sim.link(refused.inviteLink().orElseThrow().url()).orElseThrow().memberLimit());
            assertFalse(client.toString().contains(sim.token()), client::toString);
            String props = ctx.getBean(GroupKitProperties.class).getTelegramBot().toString();
            assertFalse(props.contains(sim.token().substring(sim.token().indexOf(':'))), props);
            assertFalse(r.toString().contains(sim.token()), r::toString);
            assertTrue(ctx.getBeansOfType(TelegramBotWebhook.class).isEmpty(), "no webhook without its secret");
        });
    }

    @Test
    void namedBotsAreQualifiedBeans() {
        runner.withPropertyValues(bot("groupkit.telegram-bot.accounts.support")).run(ctx -> {
            assertEquals(List.of("supportTelegramBotClient"), List.of(ctx.getBeanNamesForType(TelegramBotClient.class)));
            TelegramBotClient client = ctx.getBean("supportTelegramBotClient", TelegramBotClient.class);
            assertInstanceOf(NotAdded.class, client.add(TelegramBotChat.of(GROUP), Member.userId("1002")));
        });
    }

    @Test
    void aWrongOrMissingTokenFailsTheStartWithoutShowingIt() {
        String wrong = "12345:tooShortButSecret";
        runner.withPropertyValues("groupkit.telegram-bot.token=" + wrong).run(ctx -> {
            String message = root(ctx.getStartupFailure()).getMessage();
            assertTrue(message.startsWith("groupkit.telegram-bot.token: expected a bot token"), message);
            assertFalse(message.contains("tooShortButSecret"), message);
        });
        runner.withPropertyValues("groupkit.telegram-bot.accounts.support.api-url=" + sim.apiUrl()).run(ctx -> assertEquals(
                "groupkit.telegram-bot.accounts.support needs token",
                root(ctx.getStartupFailure()).getMessage()));
        runner.withPropertyValues("groupkit.telegram-bot.token=" + sim.token(), "groupkit.telegram-bot.poll-timeout=2m")
                .run(ctx -> assertTrue(root(ctx.getStartupFailure()).getMessage()
                        .startsWith("groupkit.telegram-bot.poll-timeout: expected a poll timeout"), ctx::toString));
    }

    @Test
    void withoutTheAdapterTheBotPropertiesAreIgnored() {
        runner.withClassLoader(new FilteredClassLoader("io.groupkit.telegram.bot")).withPropertyValues(bot("groupkit.telegram-bot"))
                .run(ctx -> {
                    assertFalse(ctx.getStartupFailure() != null, () -> String.valueOf(ctx.getStartupFailure()));
                    assertTrue(ctx.getBeansOfType(io.groupkit.core.GroupMembership.class).isEmpty());
                });
    }

    @Test
    void aWebhookSecretMakesAReceiverThatHandsEventsToTheApplicationsHandler() {
        runner.withUserConfiguration(Handler.class).withPropertyValues(bot("groupkit.telegram-bot"))
                .withPropertyValues("groupkit.telegram-bot.webhook.secret=" + HOOK_SECRET).run(ctx -> {
                    TelegramBotWebhook hook = ctx.getBean(TelegramBotWebhook.class);
                    List<MembershipEvent> seen = ctx.getBean(Handler.class).seen;
                    byte[] update = ("{\"update_id\":7,\"chat_member\":{\"chat\":{\"id\":" + GROUP + ",\"type\":\"supergroup\"},"
                            + "\"from\":{\"id\":1002,\"is_bot\":false,\"first_name\":\"B\"},\"date\":1700000000,"
                            + "\"old_chat_member\":{\"status\":\"left\",\"user\":{\"id\":1002,\"is_bot\":false,\"first_name\":\"B\"}},"
                            + "\"new_chat_member\":{\"status\":\"member\",\"user\":{\"id\":1002,\"is_bot\":false,\"first_name\":\"B\"}}}}")
                            .getBytes(StandardCharsets.UTF_8);
                    assertEquals(401, hook.handle(Map.of(TelegramBotWebhook.SECRET_HEADER, "wrong"), update));
                    assertTrue(seen.isEmpty());
                    assertEquals(200, hook.handle(Map.of(TelegramBotWebhook.SECRET_HEADER, HOOK_SECRET), update));
                    assertEquals(1, seen.size(), seen::toString);
                    assertFalse(hook.toString().contains(HOOK_SECRET), hook::toString);
                });
        runner.withPropertyValues(bot("groupkit.telegram-bot")).withPropertyValues("groupkit.telegram-bot.webhook.secret=" + HOOK_SECRET)
                .run(ctx -> assertTrue(root(ctx.getStartupFailure()).getMessage().contains("needs one"
                        + " io.groupkit.core.events.MembershipEventHandler bean"), () -> String.valueOf(ctx.getStartupFailure())));
    }

    private static Throwable root(Throwable t) {
        assertNotNull(t, "expected the start to fail");
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }

    @Configuration(proxyBeanMethods = false)
    static class Handler implements MembershipEventHandler {
        final List<MembershipEvent> seen = new CopyOnWriteArrayList<>();

        @Override
        public void handle(MembershipEvent event) {
            seen.add(event);
        }
    }
}
