package io.groupkit.spring.autoconfigure;

import io.groupkit.bitrix24.Bitrix24;
import io.groupkit.bitrix24.Bitrix24Client;
import io.groupkit.bitrix24.TokenStore;
import io.groupkit.core.GroupKitListener;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.RateLimiter;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.telegram.SessionStore;
import io.groupkit.telegram.Telegram;
import io.groupkit.telegram.TelegramClient;
import io.groupkit.telegram.TelegramSession;
import java.nio.file.Path;
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

/**
 * One GroupKit client per configured account, sharing one {@link Policies} (with the application's
 * {@link GroupKitListener}, such as the metrics, when there is one). Each bean backs off when the
 * application defines its own.
 */
@AutoConfiguration(after = GroupKitMetricsAutoConfiguration.class)
@EnableConfigurationProperties(GroupKitProperties.class)
public class GroupKitAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public GroupKitAutoConfiguration() {
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
        Policies.Builder b = Policies.builder().prechecks(p.isPrechecks()).inviteFallback(p.getInviteFallback())
                .attemptTimeout(p.getAttemptTimeout()).listener(listener.getIfUnique(() -> GroupKitListener.NONE));
        limiter.ifUnique(b::rateLimiter);
        return b.build();
    }

    /** The Green-API client, when {@code groupkit.greenapi.instance-id} is set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(GreenApi.class)
    @ConditionalOnProperty(prefix = "groupkit.greenapi", name = "instance-id")
    static class GreenApiClientConfiguration {
        @Bean
        @ConditionalOnMissingBean
        GreenApiClient greenApiClient(GroupKitProperties properties, Policies policies) {
            GroupKitProperties.GreenApi p = properties.getGreenapi();
            if (p.getApiUrl() == null || p.getToken() == null) {
                throw new IllegalStateException("groupkit.greenapi needs api-url and token besides instance-id");
            }
            GreenApi.Builder b = GreenApi.builder().apiUrl(p.getApiUrl()).instance(p.getInstanceId(), p.getToken())
                    .pacingHeadroom(p.getPacingHeadroom()).policies(policies);
            if (p.getSaveContactAndRetry() != null && !p.getSaveContactAndRetry().isBlank()) {
                b.saveContactAndRetry(p.getSaveContactAndRetry());
            }
            return b.build();
        }
    }

    /** The Bitrix24 client over a webhook, when {@code groupkit.bitrix24.webhook} is set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Bitrix24.class)
    @ConditionalOnProperty(prefix = "groupkit.bitrix24", name = "webhook")
    static class Bitrix24ClientConfiguration {
        @Bean
        @ConditionalOnMissingBean
        Bitrix24Client bitrix24Client(GroupKitProperties properties, Policies policies) {
            GroupKitProperties.Bitrix24 p = properties.getBitrix24();
            return Bitrix24Tuning.tuned(Bitrix24.webhook(p.getWebhook()), p, policies);
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
        Bitrix24Client bitrix24Client(GroupKitProperties properties, Policies policies, ObjectProvider<TokenStore> tokens) {
            GroupKitProperties.Bitrix24 p = properties.getBitrix24();
            TokenStore store = tokens.getIfUnique();
            if (store == null || p.getClientEndpoint() == null || p.getClientSecret() == null) {
                throw new IllegalStateException("groupkit.bitrix24.client-id needs client-endpoint and client-secret, and one"
                        + " io.groupkit.bitrix24.TokenStore bean that keeps the app's token pair");
            }
            return Bitrix24Tuning.tuned(Bitrix24.oauth(p.getClientEndpoint(), p.getClientId(), p.getClientSecret(), store)
                    .oauthServer(p.getOauthServer()), p, policies);
        }
    }

    /**
     * What both Bitrix24 configurations set. It lives here, not in the outer class: Spring reads the
     * outer class's methods whatever the conditions say, so a method there that names a Bitrix24 type
     * fails the start of every application without {@code sdk-bitrix24}.
     */
    static final class Bitrix24Tuning {
        private Bitrix24Tuning() {
        }

        static Bitrix24Client tuned(Bitrix24.Builder b, GroupKitProperties.Bitrix24 p, Policies policies) {
            b.pacingHeadroom(p.getPacingHeadroom()).policies(policies);
            if (p.isEnterprisePlan()) {
                b.enterprisePlan();
            }
            return b.build();
        }
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
        TelegramClient telegramClient(GroupKitProperties properties, Policies policies, ObjectProvider<SessionStore> stores) {
            GroupKitProperties.Telegram p = properties.getTelegram();
            SessionStore store = stores.getIfAvailable(() -> p.getSessionFile() == null ? null
                    : SessionStore.file(Path.of(p.getSessionFile())));
            Telegram.Builder b = Telegram.builder().policies(policies);
            if (store == null) {
                b.session(TelegramSession.parse(p.getSession()));
            } else {
                if (p.getSession() != null && store.load().isEmpty()) {
                    store.save(TelegramSession.parse(p.getSession()));
                }
                b.sessionStore(store);
            }
            if (p.getApiId() != null) {
                b.apiId(p.getApiId());
            }
            return b.build();
        }
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
