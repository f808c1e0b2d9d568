package io.groupkit.spring.autoconfigure;

import io.groupkit.bitrix24.Bitrix24Client;
import io.groupkit.core.AccountStatus;
import io.groupkit.core.Groups;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.Outcome;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.telegram.TelegramClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * A health indicator per GroupKit client: Green-API's instance state ({@code yellowCard} and
 * {@code blocked} are OUT_OF_SERVICE, not UP), Bitrix24's credentials and portal (one listing of the
 * caller's chats), Telegram's session ({@code users.getUsers} of the account). Details hold the
 * provider, the state or outcome and its code: never a token, a session or a phone number.
 *
 * <p>With named accounts ({@code groupkit.<provider>.accounts.<name>.*}) a provider's health is a
 * composite, {@code greenapi}, {@code bitrix24} or {@code telegram}, with one indicator per account
 * by its name ({@code /actuator/health/greenapi/sales}); the single account, if also configured, is
 * its {@code default}.
 */
@AutoConfiguration(after = GroupKitAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
public class GroupKitHealthAutoConfiguration {

    /** Creates the auto-configuration; Spring calls it. */
    public GroupKitHealthAutoConfiguration() {
    }

    static Health fromStatus(Outcome o) {
        if (o instanceof AccountStatus s) {
            Status status = switch (s.state()) {
                case AUTHORIZED -> Status.UP;
                case SPAM_SUSPENDED, BANNED -> Status.OUT_OF_SERVICE;
                case NOT_AUTHORIZED -> Status.DOWN;
                case STARTING, SLEEPING, UNKNOWN -> Status.UNKNOWN;
            };
            Health.Builder b = Health.status(status).withDetail("provider", o.detail().provider())
                    .withDetail("state", s.state().name()).withDetail("code", o.detail().code());
            return (status == Status.UP ? b : b.withDetail("remedy", o.remedy())).build();
        }
        return down(o);
    }

    static Health down(Outcome o) {
        return Health.down().withDetail("provider", o.detail().provider()).withDetail("outcome", o.kind().name())
                .withDetail("code", o.detail().code()).withDetail("remedy", o.remedy()).build();
    }

    /**
     * One indicator per account of a provider: each named account's client (bean
     * {@code <name><ClientType>}) by its name, and the unqualified client, if there is one, as
     * {@value NamedAccounts#DEFAULT}. Generic, so it names no adapter type.
     */
    static <C> CompositeHealthContributor perAccount(Environment env, BeanFactory beans, String provider, Class<C> type,
                                                     ObjectProvider<C> single, Function<C, HealthIndicator> indicator) {
        Map<String, C> clients = new LinkedHashMap<>();
        for (String name : NamedAccounts.names(env, provider)) {
            clients.put(name, beans.getBean(NamedAccounts.beanName(name, type), type));
        }
        Map<String, HealthContributor> accounts = new LinkedHashMap<>();
        single.ifUnique(client -> {
            // An application's own bean under an account's bean name is a default candidate: it is that account.
            if (clients.values().stream().noneMatch(named -> named == client)) {
                accounts.put(NamedAccounts.DEFAULT, indicator.apply(client));
            }
        });
        clients.forEach((name, client) -> accounts.put(name, indicator.apply(client)));
        return CompositeHealthContributor.fromMap(accounts);
    }

    /** Green-API's instance state. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(GreenApiClient.class)
    @ConditionalOnBean(GreenApiClient.class)
    @ConditionalOnNamedAccounts(value = "greenapi", present = false)
    static class GreenApiHealth {
        @Bean
        @ConditionalOnMissingBean(name = "greenapiHealthIndicator")
        HealthIndicator greenapiHealthIndicator(GreenApiClient client) {
            return () -> fromStatus(client.state());
        }
    }

    /**
     * With named Green-API accounts: health {@code greenapi} holds one indicator per account, by its
     * name, and {@value NamedAccounts#DEFAULT} for the single account (or the application's own client).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(GreenApiClient.class)
    @ConditionalOnNamedAccounts("greenapi")
    static class GreenApiAccountsHealth {
        @Bean
        @ConditionalOnMissingBean(name = {"greenapiHealthContributor", "greenapiHealthIndicator"})
        CompositeHealthContributor greenapiHealthContributor(Environment env, BeanFactory beans,
                                                             ObjectProvider<GreenApiClient> single) {
            return perAccount(env, beans, "greenapi", GreenApiClient.class, single,
                    client -> () -> fromStatus(client.state()));
        }
    }

    /** Bitrix24's credentials and portal. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Bitrix24Client.class)
    @ConditionalOnBean(Bitrix24Client.class)
    @ConditionalOnNamedAccounts(value = "bitrix24", present = false)
    static class Bitrix24Health {
        static HealthIndicator bitrix24(Bitrix24Client client) {
            return () -> {
                Outcome o = client.groups(GroupsPage.first().limit(1));
                return o instanceof Groups ? Health.up().withDetail("provider", o.detail().provider())
                        .withDetail("check", "im.recent.list").build() : down(o);
            };
        }

        @Bean
        @ConditionalOnMissingBean(name = "bitrix24HealthIndicator")
        HealthIndicator bitrix24HealthIndicator(Bitrix24Client client) {
            return bitrix24(client);
        }
    }

    /** Telegram's session. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TelegramClient.class)
    @ConditionalOnBean(TelegramClient.class)
    @ConditionalOnNamedAccounts(value = "telegram", present = false)
    static class TelegramHealth {
        @Bean
        @ConditionalOnMissingBean(name = "telegramHealthIndicator")
        HealthIndicator telegramHealthIndicator(TelegramClient client) {
            return () -> fromStatus(client.state());
        }
    }

    /**
     * With named Bitrix24 accounts: health {@code bitrix24} holds one indicator per account, by its
     * name, and {@value NamedAccounts#DEFAULT} for the single account (or the application's own client).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Bitrix24Client.class)
    @ConditionalOnNamedAccounts("bitrix24")
    static class Bitrix24AccountsHealth {
        @Bean
        @ConditionalOnMissingBean(name = {"bitrix24HealthContributor", "bitrix24HealthIndicator"})
        CompositeHealthContributor bitrix24HealthContributor(Environment env, BeanFactory beans,
                                                             ObjectProvider<Bitrix24Client> single) {
            return perAccount(env, beans, "bitrix24", Bitrix24Client.class, single, Bitrix24Health::bitrix24);
        }
    }

    /**
     * With named Telegram accounts: health {@code telegram} holds one indicator per account, by its
     * name, and {@value NamedAccounts#DEFAULT} for the single account (or the application's own client).
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TelegramClient.class)
    @ConditionalOnNamedAccounts("telegram")
    static class TelegramAccountsHealth {
        @Bean
        @ConditionalOnMissingBean(name = {"telegramHealthContributor", "telegramHealthIndicator"})
        CompositeHealthContributor telegramHealthContributor(Environment env, BeanFactory beans,
                                                             ObjectProvider<TelegramClient> single) {
            return perAccount(env, beans, "telegram", TelegramClient.class, single,
                    client -> () -> fromStatus(client.state()));
        }
    }
}
