package io.groupkit.spring.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What the named accounts of every provider share ({@code groupkit.<provider>.accounts.<name>.*}):
 * binding them, their bean names and qualifiers, the start-up messages, finding an account's own
 * store. It names no adapter type, so any configuration class may use it.
 */
final class NamedAccounts {
    /** The name of the single account ({@code groupkit.<provider>.*}): for customizers and health. */
    static final String DEFAULT = "default";

    private NamedAccounts() {
    }

    /**
     * The named accounts of a provider, checked for reserved names.
     *
     * @param env the environment
     * @param provider {@code greenapi}, {@code bitrix24}, {@code telegram} or {@code telegram-bot}
     * @param type the account's properties class
     * @return the accounts by name, in the order of the configuration
     */
    static <A> Map<String, A> bind(Environment env, String provider, Class<A> type) {
        Map<String, A> accounts = Binder.get(env).bind(prefix(provider), Bindable.mapOf(String.class, type))
                .map(m -> (Map<String, A>) new LinkedHashMap<>(m)).orElseGet(LinkedHashMap::new);
        for (String name : accounts.keySet()) {
            if (name.equals(DEFAULT)) {
                throw new IllegalStateException(prefix(provider) + "." + DEFAULT + ": the name '" + DEFAULT
                        + "' is the single account's (groupkit." + provider + ".*); choose another");
            }
        }
        return accounts;
    }

    /**
     * The names of a provider's named accounts, for conditions and health.
     *
     * @param env the environment
     * @param provider {@code greenapi}, {@code bitrix24}, {@code telegram} or {@code telegram-bot}
     * @return the names, in the order of the configuration
     */
    static Set<String> names(Environment env, String provider) {
        Class<?> type = switch (provider) {
            case "greenapi" -> GroupKitProperties.GreenApiAccount.class;
            case "bitrix24" -> GroupKitProperties.Bitrix24Account.class;
            case "telegram" -> GroupKitProperties.TelegramAccount.class;
            case "telegram-bot" -> GroupKitProperties.TelegramBotAccount.class;
            default -> throw new IllegalArgumentException(provider);
        };
        return bind(env, provider, type).keySet();
    }

    /**
     * The prefix of a provider's named accounts.
     *
     * @param provider {@code greenapi}, {@code bitrix24}, {@code telegram} or {@code telegram-bot}
     * @return {@code groupkit.<provider>.accounts}
     */
    static String prefix(String provider) {
        return "groupkit." + provider + ".accounts";
    }

    /**
     * The bean name of a named account's client: the account's name and the client's type,
     * {@code salesGreenApiClient}.
     *
     * @param account the account's name
     * @param type the client's type
     * @return the bean name
     */
    static String beanName(String account, Class<?> type) {
        return account + type.getSimpleName();
    }

    /** What the context does with a named account's client when it closes. */
    enum OnShutdown {
        /** Calls its {@code close()}: it owns a connection or a thread. */
        CLOSE,
        /** Nothing: it holds nothing that needs closing. */
        NOTHING
    }

    /**
     * Registers a named account's client: qualified by the account's name, and injected only where
     * that qualifier asks for it (not a default candidate), so that the single account's client, or
     * the application's own, stays the one an unqualified injection point gets. A bean of that name
     * that the application defined itself wins.
     *
     * @param registry the registry
     * @param account the account's name
     * @param type the client's type
     * @param supplier makes the client
     * @param shutdown what the context does with the client when it closes
     */
    static <T> void register(BeanDefinitionRegistry registry, String account, Class<T> type, Supplier<T> supplier,
                             OnShutdown shutdown) {
        String name = beanName(account, type);
        if (registry.containsBeanDefinition(name)) {
            return;
        }
        RootBeanDefinition definition = new RootBeanDefinition(type, supplier);
        definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, account));
        definition.setDefaultCandidate(false);
        if (shutdown == OnShutdown.CLOSE) {
            definition.setDestroyMethodName("close");
        }
        registry.registerBeanDefinition(name, definition);
    }

    /**
     * A named account's own store (a {@code TokenStore}, a {@code SessionStore}): the bean of that
     * type qualified with the account's name, or named so. It must not be a default candidate:
     * otherwise Spring would also take it for the single account, or for the single account's
     * conditions.
     *
     * @param beans the bean factory
     * @param type the store's type
     * @param provider {@code bitrix24} or {@code telegram}
     * @param account the account's name
     * @return the store, or null when there is none
     * @throws IllegalStateException when there are several, or it is a default candidate
     */
    static <T> @Nullable T store(BeanFactory beans, Class<T> type, String provider, String account) {
        Map<String, T> found = BeanFactoryAnnotationUtils.qualifiedBeansOfType((ListableBeanFactory) beans, type, account);
        String where = prefix(provider) + "." + account;
        if (found.size() > 1) {
            throw new IllegalStateException(where + " has several " + type.getSimpleName() + " beans qualified '" + account
                    + "': " + found.keySet() + "; keep one");
        }
        if (found.isEmpty()) {
            return null;
        }
        String name = found.keySet().iterator().next();
        if (beans instanceof ConfigurableListableBeanFactory factory && factory.containsBeanDefinition(name)) {
            BeanDefinition definition = factory.getMergedBeanDefinition(name);
            if (definition instanceof AbstractBeanDefinition bean && bean.isDefaultCandidate()) {
                throw new IllegalStateException("the " + type.getSimpleName() + " bean '" + name + "' of " + where
                        + " must be declared @Bean(defaultCandidate = false): otherwise it is also taken for the single"
                        + " account, groupkit." + provider + ".*");
            }
        }
        return found.get(name);
    }

    /**
     * The start-up message for an account that lacks keys, naming the keys, never a value.
     *
     * @param where {@code groupkit.greenapi} or {@code groupkit.greenapi.accounts.sales}
     * @param keys the keys it needs, each with its value (or null)
     * @return the message, or null when nothing is missing
     */
    static @Nullable String missing(String where, Map<String, @Nullable String> keys) {
        for (Map.Entry<String, @Nullable String> key : keys.entrySet()) {
            String value = key.getValue();
            // Spring leaves a placeholder it cannot resolve as it was written: say so, not "not the console's token".
            if (value != null && value.contains("${")) {
                int start = value.indexOf("${");
                int end = value.indexOf('}', start);
                String placeholder = end > start ? value.substring(start, end + 1) : "${...}";
                return where + "." + key.getKey() + " is " + placeholder + ", which nothing resolved: set that"
                        + " environment variable or property";
            }
        }
        List<String> missing = new ArrayList<>();
        List<String> present = new ArrayList<>();
        keys.forEach((key, value) -> (value == null || value.isBlank() ? missing : present).add(key));
        if (missing.isEmpty()) {
            return null;
        }
        return where + " needs " + and(missing) + (present.isEmpty() ? "" : " besides " + and(present));
    }

    /**
     * A key that {@link #missing} or a condition on the property has found set.
     *
     * @throws NullPointerException naming the key if it is not (a bug in the check before)
     */
    static String checked(@Nullable String value, String key) {
        return Objects.requireNonNull(value, () -> key + " was checked to be set");
    }

    private static String and(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }
}
