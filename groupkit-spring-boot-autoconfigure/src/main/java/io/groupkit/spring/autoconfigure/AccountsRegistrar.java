package io.groupkit.spring.autoconfigure;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * One client bean per {@code groupkit.<provider>.accounts.<name>}: binds the accounts and hands
 * each to the adapter's registrar, which checks it and registers its bean. It names no adapter
 * type, so it may be read where an adapter is absent.
 *
 * @param <P> the account's properties
 */
abstract class AccountsRegistrar<P> implements ImportBeanDefinitionRegistrar {
    private final Environment env;
    private final String provider;
    private final Class<P> properties;
    /** Where the policies, customizers and stores of the accounts' clients come from. */
    final BeanFactory beans;

    AccountsRegistrar(Environment env, BeanFactory beans, String provider, Class<P> properties) {
        this.env = env;
        this.beans = beans;
        this.provider = provider;
        this.properties = properties;
    }

    @Override
    public final void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        NamedAccounts.bind(env, provider, properties).forEach((name, account) ->
                register(registry, name, NamedAccounts.prefix(provider) + "." + name, account));
    }

    /**
     * Checks one account and registers its client.
     *
     * @param registry where the bean goes
     * @param name the account's name
     * @param where {@code groupkit.<provider>.accounts.<name>}, for messages
     * @param account its properties
     */
    abstract void register(BeanDefinitionRegistry registry, String name, String where, P account);
}
