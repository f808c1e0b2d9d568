package io.groupkit.spring.autoconfigure;

import io.groupkit.bitrix24.Bitrix24;
import io.groupkit.bitrix24.Bitrix24Client;
import io.groupkit.bitrix24.TokenStore;
import io.groupkit.core.Policies;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.core.env.Environment;

/**
 * Bitrix24 clients from the properties: the single account's and the named ones'. Only the
 * Bitrix24 configurations refer to this class, so it is loaded only when {@code sdk-bitrix24} is
 * there.
 */
final class Bitrix24Accounts {
    private Bitrix24Accounts() {
    }

    /**
     * What every Bitrix24 client gets from its properties and the customizers, then builds it.
     *
     * @param b the builder (a webhook's or an OAuth app's)
     * @param account the account's name, for the customizers
     * @param p its properties
     * @param policies the shared policies
     * @param customizers the application's customizers, in order
     * @return the client
     */
    static Bitrix24Client tuned(Bitrix24.Builder b, String account, GroupKitProperties.Bitrix24Account p,
                                Policies policies, Stream<Bitrix24BuilderCustomizer> customizers) {
        b.pacingHeadroom(p.getPacingHeadroom()).policies(policies);
        if (p.isEnterprisePlan()) {
            b.enterprisePlan();
        }
        customizers.forEach(c -> c.customize(account, b));
        return b.build();
    }

    /** One client bean per {@code groupkit.bitrix24.accounts.<name>}. */
    static final class Registrar extends AccountsRegistrar<GroupKitProperties.Bitrix24Account> {
        Registrar(Environment env, BeanFactory beans) {
            super(env, beans, "bitrix24", GroupKitProperties.Bitrix24Account.class);
        }

        @Override
        void register(BeanDefinitionRegistry registry, String name, String where, GroupKitProperties.Bitrix24Account p) {
            if (p.getWebhook() == null || p.getWebhook().isBlank()) {
                if (p.getClientId() == null || p.getClientId().isBlank()) {
                    throw new IllegalStateException(where + " needs webhook, or client-endpoint, client-id and"
                            + " client-secret (an OAuth app)");
                }
                Map<String, @Nullable String> keys = new LinkedHashMap<>();
                keys.put("client-endpoint", p.getClientEndpoint());
                keys.put("client-secret", p.getClientSecret());
                keys.put("client-id", p.getClientId());
                String missing = NamedAccounts.missing(where, keys);
                if (missing != null) {
                    throw new IllegalStateException(missing);
                }
            }
            NamedAccounts.register(registry, name, Bitrix24Client.class, () -> client(where, name, p),
                    NamedAccounts.OnShutdown.NOTHING);
        }

        private Bitrix24Client client(String where, String name, GroupKitProperties.Bitrix24Account p) {
            Bitrix24.Builder b;
            if (p.getWebhook() != null && !p.getWebhook().isBlank()) {
                b = Bitrix24.webhook(p.getWebhook());
            } else {
                TokenStore store = NamedAccounts.store(beans, TokenStore.class, "bitrix24", name);
                if (store == null) {
                    throw new IllegalStateException(where + " is an OAuth app: it needs a TokenStore bean that keeps its"
                            + " token pair, declared @Bean(defaultCandidate = false) @Qualifier(\"" + name + "\")");
                }
                b = Bitrix24.oauth(NamedAccounts.checked(p.getClientEndpoint(), "client-endpoint"),
                                NamedAccounts.checked(p.getClientId(), "client-id"),
                                NamedAccounts.checked(p.getClientSecret(), "client-secret"), store)
                        .oauthServer(p.getOauthServer());
            }
            return tuned(b, name, p, beans.getBean(Policies.class),
                    beans.getBeanProvider(Bitrix24BuilderCustomizer.class).orderedStream());
        }
    }
}
