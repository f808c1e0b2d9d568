package io.groupkit.spring.autoconfigure;

import io.groupkit.bitrix24.Bitrix24Client;
import io.groupkit.core.AccountStatus;
import io.groupkit.core.Groups;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.Outcome;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.telegram.TelegramClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A health indicator per GroupKit client: Green-API's instance state ({@code yellowCard} and
 * {@code blocked} are OUT_OF_SERVICE, not UP), Bitrix24's credentials and portal (one listing of the
 * caller's chats), Telegram's session ({@code users.getUsers} of the account). Details hold the
 * provider, the state or outcome and its code: never a token, a session or a phone number.
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

    /** Green-API's instance state. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(GreenApiClient.class)
    @ConditionalOnBean(GreenApiClient.class)
    static class GreenApiHealth {
        @Bean
        @ConditionalOnMissingBean(name = "greenapiHealthIndicator")
        HealthIndicator greenapiHealthIndicator(GreenApiClient client) {
            return () -> fromStatus(client.state());
        }
    }

    /** Bitrix24's credentials and portal. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(Bitrix24Client.class)
    @ConditionalOnBean(Bitrix24Client.class)
    static class Bitrix24Health {
        @Bean
        @ConditionalOnMissingBean(name = "bitrix24HealthIndicator")
        HealthIndicator bitrix24HealthIndicator(Bitrix24Client client) {
            return () -> {
                Outcome o = client.groups(GroupsPage.first().limit(1));
                return o instanceof Groups ? Health.up().withDetail("provider", o.detail().provider())
                        .withDetail("check", "im.recent.list").build() : down(o);
            };
        }
    }

    /** Telegram's session. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TelegramClient.class)
    @ConditionalOnBean(TelegramClient.class)
    static class TelegramHealth {
        @Bean
        @ConditionalOnMissingBean(name = "telegramHealthIndicator")
        HealthIndicator telegramHealthIndicator(TelegramClient client) {
            return () -> fromStatus(client.check());
        }
    }
}
