package io.groupkit.telegram.bot;

import io.groupkit.core.Policies;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.http.HttpProviderBuilder;
import io.groupkit.http.internal.SecureUrls;
import io.groupkit.telegram.bot.internal.BotProvider;
import io.groupkit.telegram.bot.internal.BotTransport;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Entry point of the Telegram Bot API adapter.
 *
 * <pre>{@code
 * TelegramBotClient bot = TelegramBot.builder().token(System.getenv("BOT_TOKEN")).build();
 * AddResult r = bot.add(TelegramBotChat.of(-1001234567890L), Member.userId("123456789"));
 * // NotAdded with the person's own invite link: a bot cannot add anyone
 * }</pre>
 *
 * <p>The bot must be an administrator of each group, with the rights to invite users (links,
 * join requests) and to ban users (removals); {@code chat_member} events come only to an
 * administrator.
 */
public final class TelegramBot {
    private static final Pattern TOKEN = Pattern.compile("(\\d{1,19}):[A-Za-z0-9_-]{35,}");

    private TelegramBot() {
    }

    /**
     * A builder.
     *
     * @return a builder with nothing set
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TelegramBotClient}; not thread-safe, and it never shows the token. */
    public static final class Builder extends HttpProviderBuilder<Builder> {
        private @Nullable String token;
        private String apiUrl = "https://api.telegram.org";
        private Duration linkLifetime = Duration.ofDays(7);
        private Duration pollTimeout = Duration.ZERO;
        private boolean followUpgrades;

        private Builder() {
            super(Duration.ofSeconds(30));
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The bot's token, from @BotFather: {@code <bot id>:<secret>}. A secret: it never reaches
         * logs, messages, outcomes or {@code toString}.
         *
         * @param botToken the token
         * @return this builder
         */
        public Builder token(String botToken) {
            Objects.requireNonNull(botToken, "token must not be null");
            if (!TOKEN.matcher(botToken.strip()).matches()) {
                // Never quote it: even a mistyped token is mostly the secret.
                throw new IllegalArgumentException("expected a bot token as @BotFather gives it: the bot's id (digits), ':',"
                        + " then at least 35 letters, digits, '_' or '-'");
            }
            this.token = botToken.strip();
            return this;
        }

        /**
         * The Bot API server. Default {@code https://api.telegram.org}; a local
         * {@code telegram-bot-api} server or a simulator on loopback may be plain http.
         *
         * @param url such as {@code http://127.0.0.1:8081}
         * @return this builder
         */
        public Builder apiUrl(String url) {
            Objects.requireNonNull(url, "apiUrl must not be null");
            SecureUrls.require(url, "apiUrl", "https://api.telegram.org");
            this.apiUrl = url.strip().replaceAll("/+$", "");
            return this;
        }

        /**
         * How long a personal invite link works. Default 7 days.
         *
         * @param expiry from 1 minute to 366 days
         * @return this builder
         */
        public Builder personalLinkExpiry(Duration expiry) {
            Objects.requireNonNull(expiry, "personalLinkExpiry must not be null");
            if (expiry.compareTo(Duration.ofMinutes(1)) < 0 || expiry.compareTo(Duration.ofDays(366)) > 0) {
                throw new IllegalArgumentException("expected a personalLinkExpiry from 1 minute to 366 days, got " + expiry);
            }
            this.linkLifetime = expiry;
            return this;
        }

        /**
         * How long one {@code getUpdates} waits for an update before answering empty (a long
         * poll, on the asynchronous HTTP client: no thread waits). Default 0: answer at once. The
         * policies' attempt timeout must be longer.
         *
         * @param timeout from 0 to 50 seconds
         * @return this builder
         */
        public Builder pollTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "pollTimeout must not be null");
            if (timeout.isNegative() || timeout.compareTo(Duration.ofSeconds(50)) > 0) {
                throw new IllegalArgumentException("expected a poll timeout from 0 to 50 seconds, got " + timeout);
            }
            this.pollTimeout = Duration.ofSeconds(timeout.toSeconds());
            return this;
        }

        /**
         * Whether a call about a basic group that became a supergroup goes on in the supergroup.
         * Telegram answers such a call {@code group chat was upgraded to a supergroup chat} with the
         * new chat's id; by default that is the outcome ({@code NotFound} {@code GROUP_MIGRATED}, the
         * id from {@link TelegramBotClient#upgradedTo}). With this on, the same call is made once
         * more in the supergroup, and later calls about the old group go there directly (a link, a
         * removal, a join request land in the group the people are in now).
         *
         * @param follow true to follow
         * @return this builder
         */
        public Builder followUpgrades(boolean follow) {
            this.followUpgrades = follow;
            return this;
        }

        /**
         * {@inheritDoc} An invite-link fallback {@link InviteFallback#OFF} (the default of
         * {@code Policies.builder()}) becomes {@link InviteFallback#ATTACH_LINK} here: a bot cannot
         * add, so its add always ends in the person's link; {@code ATTACH_AND_SEND} is kept as asked.
         */
        @Override
        public Builder policies(Policies newPolicies) {
            return super.policies(newPolicies);
        }

        /**
         * Builds the client.
         *
         * @return the client, thread-safe
         * @throws IllegalStateException if no token was set
         * @throws IllegalArgumentException if the attempt timeout is not longer than the poll timeout
         */
        public TelegramBotClient build() {
            String t = token;
            if (t == null) {
                throw new IllegalStateException("expected a token: call token(...) before build()");
            }
            // A bot cannot add: with the fallback off its add would end with no link at all.
            Policies effective = policies().inviteFallback() == InviteFallback.OFF
                    ? policies().toBuilder().inviteFallback(InviteFallback.ATTACH_LINK).build() : policies();
            // A long poll is held by the server on purpose; the attempt must outlast it, with room for the answer.
            if (!pollTimeout.isZero() && effective.attemptTimeout().compareTo(pollTimeout.plusSeconds(5)) <= 0) {
                throw new IllegalArgumentException("expected the attempt timeout (" + effective.attemptTimeout()
                        + ") to be longer than the poll timeout (" + pollTimeout + ") by more than 5 s");
            }
            long botId = Long.parseLong(t.substring(0, t.indexOf(':')));
            BotTransport transport = new BotTransport(httpClientOrDefault(), apiUrl, t, requestTimeout(), 4 * 1024 * 1024);
            BotProvider provider = new BotProvider(transport, botId, linkLifetime, pollTimeout, followUpgrades);
            return new TelegramBotClient(provider, effective);
        }

        @Override
        public String toString() {
            return "TelegramBot.Builder[" + apiUrl + (token == null ? ", no token" : ", bot " + token.substring(0, token.indexOf(':')))
                    + "]";
        }
    }
}
