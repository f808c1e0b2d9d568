package io.groupkit.spring.autoconfigure;

import io.groupkit.core.Policies;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.telegram.bot.TelegramBot;
import io.groupkit.telegram.bot.TelegramBotClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.core.env.Environment;

/**
 * Telegram bot clients from the properties: the single bot's and the named ones'. Only the bot
 * configurations refer to this class, so it is loaded only when {@code sdk-telegram-bot} is there.
 */
final class TelegramBotAccounts {
    private TelegramBotAccounts() {
    }

    /**
     * Builds one bot's client. The shared policies are kept, except that an invite-link fallback
     * left {@code OFF} becomes {@code ATTACH_LINK}: a bot cannot add anyone, so its add is only
     * useful with the person's own link attached.
     *
     * @param where the bot's properties prefix, for start-up messages
     * @param account the account's name, for the customizers
     * @param p its properties
     * @param policies the shared policies
     * @param customizers the application's customizers, in order
     * @return the client
     * @throws IllegalStateException naming the missing or wrong key, never its value
     */
    static TelegramBotClient client(String where, String account, GroupKitProperties.TelegramBotAccount p, Policies policies,
                                    Stream<TelegramBotBuilderCustomizer> customizers) {
        check(where, p);
        Policies effective = policies.inviteFallback() == InviteFallback.OFF
                ? policies.toBuilder().inviteFallback(InviteFallback.ATTACH_LINK).build() : policies;
        TelegramBot.Builder b = TelegramBot.builder().policies(effective);
        try {
            b.token(NamedAccounts.checked(p.getToken(), "token"));
        } catch (IllegalArgumentException e) {
            // The builder's message never quotes the token; it says all the cause would.
            throw new IllegalStateException(where + ".token: " + e.getMessage());
        }
        String url = p.getApiUrl();
        if (url != null && !url.isBlank()) {
            apply(where + ".api-url", () -> b.apiUrl(url));
        }
        Duration poll = p.getPollTimeout();
        if (poll != null) {
            apply(where + ".poll-timeout", () -> b.pollTimeout(poll));
        }
        Duration expiry = p.getPersonalLinkExpiry();
        if (expiry != null) {
            apply(where + ".personal-link-expiry", () -> b.personalLinkExpiry(expiry));
        }
        customizers.forEach(c -> c.customize(account, b));
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": " + e.getMessage());
        }
    }

    static void check(String where, GroupKitProperties.TelegramBotAccount p) {
        Map<String, @Nullable String> keys = new LinkedHashMap<>();
        keys.put("token", p.getToken());
        String missing = NamedAccounts.missing(where, keys);
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
    }

    private static void apply(String key, Runnable setter) {
        try {
            setter.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(key + ": " + e.getMessage());
        }
    }

    /** One client bean per {@code groupkit.telegram-bot.accounts.<name>}. */
    static final class Registrar extends AccountsRegistrar<GroupKitProperties.TelegramBotAccount> {
        Registrar(Environment env, BeanFactory beans) {
            super(env, beans, "telegram-bot", GroupKitProperties.TelegramBotAccount.class);
        }

        @Override
        void register(BeanDefinitionRegistry registry, String name, String where, GroupKitProperties.TelegramBotAccount p) {
            check(where, p);
            NamedAccounts.register(registry, name, TelegramBotClient.class, () -> client(where, name, p,
                    beans.getBean(Policies.class), beans.getBeanProvider(TelegramBotBuilderCustomizer.class).orderedStream()),
                    NamedAccounts.OnShutdown.CLOSE);
        }
    }
}
