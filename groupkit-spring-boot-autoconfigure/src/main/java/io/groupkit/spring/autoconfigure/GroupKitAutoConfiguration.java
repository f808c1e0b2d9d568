package io.groupkit.spring.autoconfigure;

import io.groupkit.bitrix24.Bitrix24;
import io.groupkit.bitrix24.Bitrix24Client;
import io.groupkit.bitrix24.TokenStore;
import io.groupkit.core.GroupKitListener;
import io.groupkit.core.Policies;
import io.groupkit.core.events.MembershipEventHandler;
import io.groupkit.core.policy.RateLimiter;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.telegram.SessionStore;
import io.groupkit.telegram.Telegram;
import io.groupkit.telegram.TelegramClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * One GroupKit client per configured account, sharing one {@link Policies} (with the application's
 * {@link GroupKitListener}, such as the metrics, when there is one): the single account of each
 * provider ({@code groupkit.<provider>.*}, backing off when the application defines its own client)
 * and each named one ({@code groupkit.<provider>.accounts.<name>.*}, bean
 * {@code <name><ClientType>} qualified {@code <name>}). The application's
 * {@code *BuilderCustomizer} beans change every account's builder before it is built.
 *
 * <p>No method of this outer class names an adapter type: Spring reads the outer class's methods
 * whatever the conditions say, so such a method fails the start of every application without that
 * adapter. What needs an adapter type lives in the nested classes and in {@code GreenApiAccounts},
 * {@code Bitrix24Accounts} and {@code TelegramAccounts}, which only they refer to.
 */
@AutoConfiguration(after = GroupKitMetricsAutoConfiguration.class)
@EnableConfigurationProperties(GroupKitProperties.class)
public class GroupKitAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public GroupKitAutoConfiguration() {
    }

    /**
     * How the application reads phone numbers: {@code groupkit.phone-region} (such as {@code RU})
     * for numbers written as dialled there, else international numbers only.
     *
     * @param properties {@code groupkit.phone-region}
     * @return the reader
     * @throws IllegalArgumentException if the region is not an ISO 3166 code that has phone numbers
     */
    @Bean
    @ConditionalOnMissingBean
    public io.groupkit.core.Phones groupKitPhones(GroupKitProperties properties) {
        String region = properties.getPhoneRegion();
        return region == null || region.isBlank() ? io.groupkit.core.Phones.international()
                : io.groupkit.core.Phones.region(region);
    }

    /**
     * The policies every client shares.
     *
     * @param properties {@code groupkit.policies.*}
     * @param listener the application's listener, if any
     * @param limiter the application's rate limiter, if any (a {@code FleetRateLimiter} for a fleet)
     * @return the policies
     */
    @Bean
    @ConditionalOnMissingBean
    public Policies groupKitPolicies(GroupKitProperties properties, ObjectProvider<GroupKitListener> listener,
                                     ObjectProvider<RateLimiter> limiter) {
        GroupKitProperties.Policies p = properties.getPolicies();
        Policies.Builder b = Policies.builder().prechecks(p.getPrechecks()).inviteFallback(p.getInviteFallback())
                .attemptTimeout(p.getAttemptTimeout()).rateLimiterTimeout(p.getRateLimiterTimeout()).listener(listener.getIfUnique(() -> GroupKitListener.NONE));
        if (p.getCallTimeout() != null) {
            b.callTimeout(p.getCallTimeout());
        }
        limiter.ifUnique(b::rateLimiter);
        return b.build();
    }

    /**
     * The Green-API client, when {@code groupkit.greenapi.instance-id} is set; the application's
     * {@link GreenApiBuilderCustomizer}s see it as account {@value NamedAccounts#DEFAULT}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(GreenApi.class)
    @ConditionalOnProperty(prefix = "groupkit.greenapi", name = "instance-id")
    static class GreenApiClientConfiguration {
        @Bean
        @ConditionalOnMissingBean
        GreenApiClient greenApiClient(GroupKitProperties properties, Policies policies,
                                      ObjectProvider<GreenApiBuilderCustomizer> customizers) {
            return GreenApiAccounts.client("groupkit.greenapi", NamedAccounts.DEFAULT, properties.getGreenapi(), policies,
                    customizers.orderedStream());
        }
    }

    /**
     * A Green-API client per {@code groupkit.greenapi.accounts.<name>}: bean {@code <name>GreenApiClient},
     * injected with {@code @Qualifier("<name>")}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(GreenApi.class)
    @ConditionalOnNamedAccounts("greenapi")
    @Import(GreenApiAccounts.Registrar.class)
    static class GreenApiAccountsConfiguration {
    }

    /** The Bitrix24 client over a webhook, when {@code groupkit.bitrix24.webhook} is set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Bitrix24.class)
    @ConditionalOnProperty(prefix = "groupkit.bitrix24", name = "webhook")
    static class Bitrix24ClientConfiguration {
        @Bean
        @ConditionalOnMissingBean
        Bitrix24Client bitrix24Client(GroupKitProperties properties, Policies policies,
                                      ObjectProvider<Bitrix24BuilderCustomizer> customizers) {
            GroupKitProperties.Bitrix24 p = properties.getBitrix24();
            return Bitrix24Accounts.tuned(Bitrix24.webhook(NamedAccounts.checked(p.getWebhook(), "groupkit.bitrix24.webhook")),
                    NamedAccounts.DEFAULT, p, policies,
                    customizers.orderedStream());
        }
    }

    /**
     * The Bitrix24 client of an OAuth app, when {@code groupkit.bitrix24.client-id} is set and no
     * webhook is: the token pair lives in the application's {@link TokenStore} bean (a database,
     * a secret store), refreshed once for all concurrent calls and saved before it is used.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Bitrix24.class)
    @ConditionalOnProperty(prefix = "groupkit.bitrix24", name = "client-id")
    static class Bitrix24OAuthConfiguration {
        @Bean
        @ConditionalOnMissingBean
        Bitrix24Client bitrix24Client(GroupKitProperties properties, Policies policies, ObjectProvider<TokenStore> tokens,
                                      ObjectProvider<Bitrix24BuilderCustomizer> customizers) {
            GroupKitProperties.Bitrix24 p = properties.getBitrix24();
            TokenStore store = tokens.getIfUnique();
            if (store == null || p.getClientEndpoint() == null || p.getClientSecret() == null) {
                throw new IllegalStateException("groupkit.bitrix24.client-id needs client-endpoint and client-secret, and one"
                        + " io.groupkit.bitrix24.TokenStore bean that keeps the app's token pair");
            }
            String clientId = NamedAccounts.checked(p.getClientId(), "groupkit.bitrix24.client-id");
            return Bitrix24Accounts.tuned(Bitrix24.oauth(p.getClientEndpoint(), clientId, p.getClientSecret(), store)
                    .oauthServer(p.getOauthServer()), NamedAccounts.DEFAULT, p, policies, customizers.orderedStream());
        }
    }

    /**
     * A Bitrix24 client per {@code groupkit.bitrix24.accounts.<name>}: bean {@code <name>Bitrix24Client},
     * injected with {@code @Qualifier("<name>")}. An OAuth account's {@link TokenStore} is the
     * application's bean qualified (or named) {@code <name>}, declared
     * {@code @Bean(defaultCandidate = false)}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Bitrix24.class)
    @ConditionalOnNamedAccounts("bitrix24")
    @Import(Bitrix24Accounts.Registrar.class)
    static class Bitrix24AccountsConfiguration {
    }

    /**
     * The Telegram client, when {@code groupkit.telegram.session-file} or {@code .session} is set,
     * or a {@link SessionStore} bean exists; closed with the context. With a store (the bean, else
     * the file), a session Telegram moves to another data centre is saved back; a store still empty
     * is seeded from {@code session}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Telegram.class)
    @Conditional(TelegramConfigured.class)
    static class TelegramClientConfiguration {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        TelegramClient telegramClient(GroupKitProperties properties, Policies policies, ObjectProvider<SessionStore> stores,
                                      ObjectProvider<TelegramBuilderCustomizer> customizers) {
            return TelegramAccounts.client(NamedAccounts.DEFAULT, properties.getTelegram(), stores.getIfAvailable(), policies,
                    customizers.orderedStream());
        }
    }

    /**
     * A Telegram client per {@code groupkit.telegram.accounts.<name>}: bean {@code <name>TelegramClient},
     * injected with {@code @Qualifier("<name>")}, closed with the context. The account's
     * {@link SessionStore}, if any, is the application's bean qualified (or named) {@code <name>},
     * declared {@code @Bean(defaultCandidate = false)}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Telegram.class)
    @ConditionalOnNamedAccounts("telegram")
    @Import(TelegramAccounts.Registrar.class)
    static class TelegramAccountsConfiguration {
    }

    /**
     * The Telegram bot's client, when {@code groupkit.telegram-bot.token} is set; the application's
     * {@link TelegramBotBuilderCustomizer}s see it as account {@value NamedAccounts#DEFAULT}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.groupkit.telegram.bot.TelegramBot")
    @ConditionalOnProperty(prefix = "groupkit.telegram-bot", name = "token")
    static class TelegramBotClientConfiguration {
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean
        io.groupkit.telegram.bot.TelegramBotClient telegramBotClient(GroupKitProperties properties, Policies policies,
                ObjectProvider<TelegramBotBuilderCustomizer> customizers) {
            return TelegramBotAccounts.client("groupkit.telegram-bot", NamedAccounts.DEFAULT, properties.getTelegramBot(),
                    policies, customizers.orderedStream());
        }

        /**
         * The receiver of the bot's pushed updates, when {@code groupkit.telegram-bot.webhook.secret}
         * is set: the application mounts it (it is a JDK {@code HttpHandler}, and
         * {@code handle(headers, body)} serves any framework) and hands each event to its
         * {@link MembershipEventHandler} bean. Registering the address with Telegram
         * ({@code setWebhook}) stays the application's: only it knows its public URL.
         */
        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnProperty(prefix = "groupkit.telegram-bot.webhook", name = "secret")
        io.groupkit.telegram.bot.TelegramBotWebhook telegramBotWebhook(GroupKitProperties properties,
                io.groupkit.telegram.bot.TelegramBotClient client, ObjectProvider<MembershipEventHandler> handler) {
            MembershipEventHandler h = handler.getIfUnique();
            if (h == null) {
                throw new IllegalStateException("groupkit.telegram-bot.webhook.secret needs one"
                        + " io.groupkit.core.events.MembershipEventHandler bean, told each event the webhook receives");
            }
            String secret = NamedAccounts.checked(properties.getTelegramBot().getWebhook().getSecret(),
                    "groupkit.telegram-bot.webhook.secret");
            try {
                return client.webhook(secret, h);
            } catch (IllegalArgumentException e) {
                // The adapter's message never quotes the secret.
                throw new IllegalStateException("groupkit.telegram-bot.webhook.secret: " + e.getMessage(), e);
            }
        }
    }

    /**
     * A Telegram bot client per {@code groupkit.telegram-bot.accounts.<name>}: bean
     * {@code <name>TelegramBotClient}, injected with {@code @Qualifier("<name>")}, closed with the context.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.groupkit.telegram.bot.TelegramBot")
    @ConditionalOnNamedAccounts("telegram-bot")
    @Import(TelegramBotAccounts.Registrar.class)
    static class TelegramBotAccountsConfiguration {
    }

    /** A session string, a session file, or a session store bean. */
    static final class TelegramConfigured extends AnyNestedCondition {
        TelegramConfigured() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(prefix = "groupkit.telegram", name = "session")
        static final class BySession {
        }

        @ConditionalOnProperty(prefix = "groupkit.telegram", name = "session-file")
        static final class ByFile {
        }

        @ConditionalOnBean(SessionStore.class)
        static final class ByStore {
        }
    }
}
