package io.groupkit.spring.autoconfigure;

import io.groupkit.core.Policies;
import io.groupkit.telegram.SessionStore;
import io.groupkit.telegram.Telegram;
import io.groupkit.telegram.TelegramClient;
import io.groupkit.telegram.TelegramSession;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.core.env.Environment;

/**
 * Telegram clients from the properties: the single account's and the named ones'. Only the
 * Telegram configurations refer to this class, so it is loaded only when {@code sdk-telegram} is
 * there.
 */
final class TelegramAccounts {
    private TelegramAccounts() {
    }

    /**
     * Builds one account's client. With a store (the application's, else the session file), a
     * session Telegram moves to another data centre is saved back; a store still empty is seeded
     * from {@code session}.
     *
     * @param account the account's name, for the customizers
     * @param p its properties
     * @param store the account's store, or null to use the session file or string
     * @param policies the shared policies
     * @param customizers the application's customizers, in order
     * @return the client
     */
    static TelegramClient client(String account, GroupKitProperties.TelegramAccount p, @Nullable SessionStore store,
                                 Policies policies, Stream<TelegramBuilderCustomizer> customizers) {
        if (store == null && p.getSessionFile() != null) {
            store = SessionStore.file(Path.of(p.getSessionFile()));
        }
        Telegram.Builder b = Telegram.builder().policies(policies);
        if (store == null) {
            String session = p.getSession();
            if (session == null) {
                throw new IllegalStateException("a Telegram account needs session-file or session, or a SessionStore bean");
            }
            b.session(TelegramSession.parse(session));
        } else {
            if (p.getSession() != null && store.load().isEmpty()) {
                store.save(TelegramSession.parse(p.getSession()));
            }
            b.sessionStore(store);
        }
        if (p.getApiId() != null) {
            b.apiId(p.getApiId());
        }
        customizers.forEach(c -> c.customize(account, b));
        return b.build();
    }

    /** One client bean per {@code groupkit.telegram.accounts.<name>}, closed with the context. */
    static final class Registrar extends AccountsRegistrar<GroupKitProperties.TelegramAccount> {
        Registrar(Environment env, BeanFactory beans) {
            super(env, beans, "telegram", GroupKitProperties.TelegramAccount.class);
        }

        @Override
        void register(BeanDefinitionRegistry registry, String name, String where, GroupKitProperties.TelegramAccount p) {
            NamedAccounts.register(registry, name, TelegramClient.class, () -> {
                SessionStore store = NamedAccounts.store(beans, SessionStore.class, "telegram", name);
                if (store == null && p.getSession() == null && p.getSessionFile() == null) {
                    throw new IllegalStateException(where + " needs session-file or session, or a SessionStore bean"
                            + " declared @Bean(defaultCandidate = false) @Qualifier(\"" + name + "\")");
                }
                return client(name, p, store, beans.getBean(Policies.class),
                        beans.getBeanProvider(TelegramBuilderCustomizer.class).orderedStream());
            }, NamedAccounts.OnShutdown.CLOSE);
        }
    }
}
