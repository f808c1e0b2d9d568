package io.groupkit.spring.autoconfigure;

import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.policy.Prechecks;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code groupkit.*}: the policies every client shares, and per provider one account and any number
 * of named ones ({@code groupkit.<provider>.accounts.<name>.*}). A client is made for each account
 * whose credentials are set.
 */
@ConfigurationProperties("groupkit")
public class GroupKitProperties {
    private final Policies policies = new Policies();
    private final GreenApi greenapi = new GreenApi();
    private final Bitrix24 bitrix24 = new Bitrix24();
    private final Telegram telegram = new Telegram();
    private final TelegramBot telegramBot = new TelegramBot();
    private final Fleet fleet = new Fleet();
    private @org.jspecify.annotations.Nullable String phoneRegion;

    /** The properties with their defaults; Spring Boot binds {@code groupkit.*} to them. */
    public GroupKitProperties() {
    }

    /**
     * Where the application's people write their phone numbers, as an ISO 3166 code such as
     * {@code RU}: the {@code Phones} bean then reads {@code 8 (900) 123-45-67} as +7 900 123-45-67.
     * Unset: international numbers only.
     *
     * @return the region, or null
     */
    public @org.jspecify.annotations.Nullable String getPhoneRegion() {
        return phoneRegion;
    }

    /**
     * Sets where the application's people write their phone numbers.
     *
     * @param phoneRegion an ISO 3166 two-letter code, or null
     */
    public void setPhoneRegion(@org.jspecify.annotations.Nullable String phoneRegion) {
        this.phoneRegion = phoneRegion;
    }

    /**
     * The policies every client shares.
     *
     * @return the policies
     */
    public Policies getPolicies() {
        return policies;
    }

    /**
     * The Green-API (WhatsApp) instance.
     *
     * @return its settings
     */
    public GreenApi getGreenapi() {
        return greenapi;
    }

    /**
     * The Bitrix24 portal.
     *
     * @return its settings
     */
    public Bitrix24 getBitrix24() {
        return bitrix24;
    }

    /**
     * The Telegram account.
     *
     * @return its settings
     */
    public Telegram getTelegram() {
        return telegram;
    }

    /**
     * The Telegram bot ({@code groupkit.telegram-bot.*}).
     *
     * @return its settings
     */
    public TelegramBot getTelegramBot() {
        return telegramBot;
    }

    /**
     * Limits shared by every server of a fleet.
     *
     * @return its settings
     */
    public Fleet getFleet() {
        return fleet;
    }

    /**
     * {@code groupkit.fleet.*}: an account's limits kept where every server of the fleet sees them
     * (needs {@code sdk-fleet}); without it, each server paces on its own.
     */
    public static class Fleet {
        /** Where the limits live: {@code redis} or {@code postgres} (the application's DataSource). */
        private @Nullable String rateLimiter;
        /** For redis: the server, such as {@code redis://redis.internal:6379} (or a RedisClient bean of yours). */
        private @Nullable String redisUri;
        /** For redis: the start of every key (several environments in one Redis). */
        private String keyPrefix = "groupkit:";

        /** The {@code groupkit.fleet.*} properties with their defaults. */
        public Fleet() {
        }

        /**
         * Where the limits live.
         *
         * @return redis, postgres, or null
         */
        public @Nullable String getRateLimiter() {
            return rateLimiter;
        }

        /**
         * Sets where the limits live.
         *
         * @param rateLimiter redis or postgres
         */
        public void setRateLimiter(@Nullable String rateLimiter) {
            this.rateLimiter = rateLimiter;
        }

        /**
         * The Redis server.
         *
         * @return its URI, or null
         */
        public @Nullable String getRedisUri() {
            return redisUri;
        }

        /**
         * Sets the Redis server.
         *
         * @param redisUri its URI
         */
        public void setRedisUri(@Nullable String redisUri) {
            this.redisUri = redisUri;
        }

        /**
         * The key prefix.
         *
         * @return the prefix
         */
        public String getKeyPrefix() {
            return keyPrefix;
        }

        /**
         * Sets the key prefix.
         *
         * @param keyPrefix the prefix
         */
        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        @Override
        public String toString() {
            // A Redis URI may carry a password.
            return "Fleet[" + rateLimiter + (redisUri != null ? ", redis ***" : "") + "]";
        }
    }

    /** {@code groupkit.policies.*}. */
    public static class Policies {
        /**
         * Check a person before adding them (checkWhatsapp, resolving a Telegram phone): ON or OFF
         * (true and false bind too).
         */
        private Prechecks prechecks = Prechecks.ON;
        /** What to do with the group's invite link when a person cannot be added directly. */
        private InviteFallback inviteFallback = InviteFallback.OFF;
        /** The longest one attempt may take, its own look-ups included. */
        private Duration attemptTimeout = Duration.ofSeconds(60);
        /**
         * The longest a whole call may take, every attempt, backoff and pacing wait included; unset:
         * no bound. A change that runs out of time is Indeterminate (CALL_TIMEOUT).
         */
        private @Nullable Duration callTimeout;
        /** How long a call waits for a fleet's rate limiter store before RATE_LIMITER_UNAVAILABLE. */
        private Duration rateLimiterTimeout = Duration.ofSeconds(3);

        /** The {@code groupkit.policies.*} properties with their defaults. */
        public Policies() {
        }

        /**
         * Whether pre-checks run.
         *
         * @return ON by default
         */
        public Prechecks getPrechecks() {
            return prechecks;
        }

        /**
         * Sets whether pre-checks run.
         *
         * @param prechecks OFF to add without checking
         */
        public void setPrechecks(Prechecks prechecks) {
            this.prechecks = prechecks;
        }

        /**
         * The invite-link fallback.
         *
         * @return OFF by default
         */
        public InviteFallback getInviteFallback() {
            return inviteFallback;
        }

        /**
         * Sets the invite-link fallback.
         *
         * @param inviteFallback OFF, ATTACH_LINK or ATTACH_AND_SEND
         */
        public void setInviteFallback(InviteFallback inviteFallback) {
            this.inviteFallback = inviteFallback;
        }

        /**
         * The attempt timeout.
         *
         * @return 60 s by default
         */
        public Duration getAttemptTimeout() {
            return attemptTimeout;
        }

        /**
         * Sets the attempt timeout.
         *
         * @param attemptTimeout positive
         */
        public void setAttemptTimeout(Duration attemptTimeout) {
            this.attemptTimeout = attemptTimeout;
        }

        /**
         * The whole call's timeout.
         *
         * @return none by default
         */
        public @Nullable Duration getCallTimeout() {
            return callTimeout;
        }

        /**
         * Sets the whole call's timeout.
         *
         * @param callTimeout positive, or null for none
         */
        public void setCallTimeout(@Nullable Duration callTimeout) {
            this.callTimeout = callTimeout;
        }

        /**
         * How long a call waits for the rate limiter (a fleet's Redis or PostgreSQL) before it
         * answers {@code RATE_LIMITER_UNAVAILABLE}; default 3 s.
         *
         * @return the bound
         */
        public Duration getRateLimiterTimeout() {
            return rateLimiterTimeout;
        }

        /**
         * Sets how long a call waits for the rate limiter.
         *
         * @param rateLimiterTimeout positive
         */
        public void setRateLimiterTimeout(Duration rateLimiterTimeout) {
            this.rateLimiterTimeout = rateLimiterTimeout;
        }
    }

    /**
     * One Green-API instance (WhatsApp, MAX, Telegram or Instagram): {@code groupkit.greenapi.*} or
     * {@code groupkit.greenapi.accounts.<name>.*}; set api-url, instance-id and token, and product
     * for an instance of another messenger than WhatsApp.
     */
    public static class GreenApiAccount {
        /** The instance's API host from the Green-API console, such as https://7103.api.greenapi.com. */
        private @Nullable String apiUrl;
        /** The idInstance. */
        private @Nullable String instanceId;
        /** The apiTokenInstance (a secret: it never reaches logs, health details or toString). */
        private @Nullable String token;
        /** The share of each documented rate to use. */
        private double pacingHeadroom = 0.8;
        /** When set, a number missing from the phone's contacts is saved under this first name and added once more. */
        private @Nullable String saveContactAndRetry;
        /**
         * The messenger the instance serves, as the Green-API console shows it: whatsapp (default), max,
         * telegram or instagram (v3 is taken for max).
         */
        private @Nullable String product;
        /**
         * The path segment before waInstance… in each request: /v3 for MAX unless set, nothing for the
         * other products; set it empty for a MAX instance that answers without it.
         */
        private @Nullable String pathPrefix;

        /** A Green-API account's properties, none set. */
        public GreenApiAccount() {
        }

        /**
         * The API host.
         *
         * @return the URL, or null
         */
        public @Nullable String getApiUrl() {
            return apiUrl;
        }

        /**
         * Sets the API host.
         *
         * @param apiUrl the URL
         */
        public void setApiUrl(@Nullable String apiUrl) {
            this.apiUrl = apiUrl;
        }

        /**
         * The instance id.
         *
         * @return the id, or null
         */
        public @Nullable String getInstanceId() {
            return instanceId;
        }

        /**
         * Sets the instance id.
         *
         * @param instanceId the id
         */
        public void setInstanceId(@Nullable String instanceId) {
            this.instanceId = instanceId;
        }

        /**
         * The token.
         *
         * @return the token, or null
         */
        public @Nullable String getToken() {
            return token;
        }

        /**
         * Sets the token.
         *
         * @param token the token
         */
        public void setToken(@Nullable String token) {
            this.token = token;
        }

        /**
         * The pacing headroom.
         *
         * @return 0.8 by default
         */
        public double getPacingHeadroom() {
            return pacingHeadroom;
        }

        /**
         * Sets the pacing headroom.
         *
         * @param pacingHeadroom from 0.1 to 1
         */
        public void setPacingHeadroom(double pacingHeadroom) {
            this.pacingHeadroom = pacingHeadroom;
        }

        /**
         * The first name for saved contacts, when the opt-in is on.
         *
         * @return the name, or null when off
         */
        public @Nullable String getSaveContactAndRetry() {
            return saveContactAndRetry;
        }

        /**
         * Turns the opt-in on with a first name for saved contacts.
         *
         * @param saveContactAndRetry the name
         */
        public void setSaveContactAndRetry(@Nullable String saveContactAndRetry) {
            this.saveContactAndRetry = saveContactAndRetry;
        }

        /**
         * The product's name.
         *
         * @return such as {@code max}, or null for WhatsApp
         */
        public @Nullable String getProduct() {
            return product;
        }

        /**
         * Sets the product.
         *
         * @param product whatsapp, max, telegram or instagram
         */
        public void setProduct(@Nullable String product) {
            this.product = product;
        }

        /**
         * The path prefix.
         *
         * @return such as {@code /v3}, or null for the product's own
         */
        public @Nullable String getPathPrefix() {
            return pathPrefix;
        }

        /**
         * Sets the path prefix.
         *
         * @param pathPrefix such as {@code /v3}, or empty for none
         */
        public void setPathPrefix(@Nullable String pathPrefix) {
            this.pathPrefix = pathPrefix;
        }

        @Override
        public String toString() {
            return "GreenApi[" + (product == null ? "" : product + ", ") + apiUrl + ", instance " + instanceId + ", token ***]";
        }
    }

    /**
     * One Bitrix24 portal or app installation: {@code groupkit.bitrix24.*} or
     * {@code groupkit.bitrix24.accounts.<name>.*}; set webhook, or client-endpoint, client-id and
     * client-secret (with a TokenStore bean) for an OAuth app.
     */
    public static class Bitrix24Account {
        /** The inbound webhook URL, https://portal/rest/USER/CODE/ (the code is a secret). */
        private @Nullable String webhook;
        /** An OAuth app's REST endpoint, such as https://portal.bitrix24.com/rest/. */
        private @Nullable String clientEndpoint;
        /** An OAuth app's client id. */
        private @Nullable String clientId;
        /** An OAuth app's client secret (a secret). */
        private @Nullable String clientSecret;
        /** The OAuth server that refreshes tokens. */
        private String oauthServer = "https://oauth.bitrix.info";
        /** The share of the portal's bucket to use. */
        private double pacingHeadroom = 0.8;
        /** The Enterprise plan's larger bucket (5/s, 250). */
        private boolean enterprisePlan;

        /** A Bitrix24 account's properties, none set. */
        public Bitrix24Account() {
        }

        /**
         * The webhook URL.
         *
         * @return the URL, or null
         */
        public @Nullable String getWebhook() {
            return webhook;
        }

        /**
         * Sets the webhook URL.
         *
         * @param webhook the URL
         */
        public void setWebhook(@Nullable String webhook) {
            this.webhook = webhook;
        }

        /**
         * The pacing headroom.
         *
         * @return 0.8 by default
         */
        public double getPacingHeadroom() {
            return pacingHeadroom;
        }

        /**
         * Sets the pacing headroom.
         *
         * @param pacingHeadroom from 0.1 to 1
         */
        public void setPacingHeadroom(double pacingHeadroom) {
            this.pacingHeadroom = pacingHeadroom;
        }

        /**
         * Whether the portal is on the Enterprise plan.
         *
         * @return false by default
         */
        public boolean isEnterprisePlan() {
            return enterprisePlan;
        }

        /**
         * Sets whether the portal is on the Enterprise plan.
         *
         * @param enterprisePlan true for 5/s, 250 at once
         */
        public void setEnterprisePlan(boolean enterprisePlan) {
            this.enterprisePlan = enterprisePlan;
        }

        /**
         * The OAuth app's REST endpoint.
         *
         * @return the URL, or null
         */
        public @Nullable String getClientEndpoint() {
            return clientEndpoint;
        }

        /**
         * Sets the OAuth app's REST endpoint.
         *
         * @param clientEndpoint the URL
         */
        public void setClientEndpoint(@Nullable String clientEndpoint) {
            this.clientEndpoint = clientEndpoint;
        }

        /**
         * The OAuth app's client id.
         *
         * @return the id, or null
         */
        public @Nullable String getClientId() {
            return clientId;
        }

        /**
         * Sets the OAuth app's client id.
         *
         * @param clientId the id
         */
        public void setClientId(@Nullable String clientId) {
            this.clientId = clientId;
        }

        /**
         * The OAuth app's client secret.
         *
         * @return the secret, or null
         */
        public @Nullable String getClientSecret() {
            return clientSecret;
        }

        /**
         * Sets the OAuth app's client secret.
         *
         * @param clientSecret the secret
         */
        public void setClientSecret(@Nullable String clientSecret) {
            this.clientSecret = clientSecret;
        }

        /**
         * The OAuth server.
         *
         * @return https://oauth.bitrix.info by default
         */
        public String getOauthServer() {
            return oauthServer;
        }

        /**
         * Sets the OAuth server (other regions use other hosts).
         *
         * @param oauthServer the URL
         */
        public void setOauthServer(String oauthServer) {
            this.oauthServer = oauthServer;
        }

        @Override
        public String toString() {
            return "Bitrix24[" + (webhook != null ? "webhook ***" : "app " + clientId + " at " + clientEndpoint) + "]";
        }
    }

    /**
     * One Telegram account: {@code groupkit.telegram.*} or {@code groupkit.telegram.accounts.<name>.*};
     * set session-file or session (and api-id), or declare a {@code SessionStore} bean.
     */
    public static class TelegramAccount {
        /** A session string: GroupKit's {@code gk1:}, Telethon's or Pyrogram's (a secret). */
        private @Nullable String session;
        /**
         * A file that keeps the session (written by {@code groupkit telegram login}); a session moved
         * to another data centre is saved back to it. Seeded from {@code session} when it does not exist.
         */
        private @Nullable String sessionFile;
        /** The api_id from my.telegram.org (a Pyrogram session carries its own). */
        private @Nullable Integer apiId;

        /** A Telegram account's properties, none set. */
        public TelegramAccount() {
        }

        /**
         * The session string.
         *
         * @return the session, or null
         */
        public @Nullable String getSession() {
            return session;
        }

        /**
         * Sets the session string.
         *
         * @param session the session
         */
        public void setSession(@Nullable String session) {
            this.session = session;
        }

        /**
         * The session file.
         *
         * @return the path, or null
         */
        public @Nullable String getSessionFile() {
            return sessionFile;
        }

        /**
         * Sets the session file.
         *
         * @param sessionFile the path
         */
        public void setSessionFile(@Nullable String sessionFile) {
            this.sessionFile = sessionFile;
        }

        /**
         * The api_id.
         *
         * @return the id, or null
         */
        public @Nullable Integer getApiId() {
            return apiId;
        }

        /**
         * Sets the api_id.
         *
         * @param apiId the id
         */
        public void setApiId(@Nullable Integer apiId) {
            this.apiId = apiId;
        }

        @Override
        public String toString() {
            return "Telegram[session ***" + (sessionFile != null ? ", file " + sessionFile : "") + ", api id " + apiId + "]";
        }
    }

    /**
     * {@code groupkit.greenapi.*}: set api-url, instance-id and token to get a GreenApiClient, and/or
     * name several instances under {@code accounts}.
     */
    public static class GreenApi extends GreenApiAccount {
        /**
         * Named accounts, {@code groupkit.greenapi.accounts.<name>.*}: the same keys as the single
         * account, one client bean per name, qualified by the name.
         */
        private final Map<String, GreenApiAccount> accounts = new LinkedHashMap<>();

        /** The {@code groupkit.greenapi.*} properties, none set. */
        public GreenApi() {
        }

        /**
         * The named accounts.
         *
         * @return the accounts by name (empty by default)
         */
        public Map<String, GreenApiAccount> getAccounts() {
            return accounts;
        }
    }

    /**
     * {@code groupkit.bitrix24.*}: set webhook, or client-endpoint, client-id and client-secret (with a
     * TokenStore bean) for an OAuth app, to get a Bitrix24Client, and/or name several portals under
     * {@code accounts}.
     */
    public static class Bitrix24 extends Bitrix24Account {
        /**
         * Named accounts, {@code groupkit.bitrix24.accounts.<name>.*}: the same keys as the single
         * account, one client bean per name, qualified by the name.
         */
        private final Map<String, Bitrix24Account> accounts = new LinkedHashMap<>();

        /** The {@code groupkit.bitrix24.*} properties, none set. */
        public Bitrix24() {
        }

        /**
         * The named accounts.
         *
         * @return the accounts by name (empty by default)
         */
        public Map<String, Bitrix24Account> getAccounts() {
            return accounts;
        }
    }

    /**
     * {@code groupkit.telegram.*}: set session-file or session (and api-id) to get a TelegramClient, or
     * declare a {@code SessionStore} bean, and/or name several accounts under {@code accounts}.
     */
    public static class Telegram extends TelegramAccount {
        /**
         * Named accounts, {@code groupkit.telegram.accounts.<name>.*}: the same keys as the single
         * account, one client bean per name, qualified by the name.
         */
        private final Map<String, TelegramAccount> accounts = new LinkedHashMap<>();

        /** The {@code groupkit.telegram.*} properties, none set. */
        public Telegram() {
        }

        /**
         * The named accounts.
         *
         * @return the accounts by name (empty by default)
         */
        public Map<String, TelegramAccount> getAccounts() {
            return accounts;
        }
    }
    /**
     * One Telegram bot: {@code groupkit.telegram-bot.*} or {@code groupkit.telegram-bot.accounts.<name>.*};
     * set token.
     */
    public static class TelegramBotAccount {
        /** The bot's token from @BotFather (a secret: it never reaches logs, health details or toString). */
        private @Nullable String token;
        /** The Bot API server; default https://api.telegram.org (a local telegram-bot-api server may be http on loopback). */
        private @Nullable String apiUrl;
        /** How long one getUpdates of a watch waits for an update (a long poll), 0 to 50 s; default 0. */
        private @Nullable Duration pollTimeout;
        /** How long a person's own invite link works, 1 minute to 366 days; default 7 days. */
        private @Nullable Duration personalLinkExpiry;

        /** A bot's properties, none set. */
        public TelegramBotAccount() {
        }

        /**
         * The token.
         *
         * @return the token, or null
         */
        public @Nullable String getToken() {
            return token;
        }

        /**
         * Sets the token.
         *
         * @param token the token
         */
        public void setToken(@Nullable String token) {
            this.token = token;
        }

        /**
         * The Bot API server.
         *
         * @return its address, or null for Telegram's
         */
        public @Nullable String getApiUrl() {
            return apiUrl;
        }

        /**
         * Sets the Bot API server.
         *
         * @param apiUrl its address
         */
        public void setApiUrl(@Nullable String apiUrl) {
            this.apiUrl = apiUrl;
        }

        /**
         * How long one getUpdates waits.
         *
         * @return the timeout, or null for the adapter's default
         */
        public @Nullable Duration getPollTimeout() {
            return pollTimeout;
        }

        /**
         * Sets how long one getUpdates waits.
         *
         * @param pollTimeout the timeout
         */
        public void setPollTimeout(@Nullable Duration pollTimeout) {
            this.pollTimeout = pollTimeout;
        }

        /**
         * How long a personal invite link works.
         *
         * @return the expiry, or null for the adapter's default
         */
        public @Nullable Duration getPersonalLinkExpiry() {
            return personalLinkExpiry;
        }

        /**
         * Sets how long a personal invite link works.
         *
         * @param personalLinkExpiry the expiry
         */
        public void setPersonalLinkExpiry(@Nullable Duration personalLinkExpiry) {
            this.personalLinkExpiry = personalLinkExpiry;
        }

        @Override
        public String toString() {
            String id = token == null ? "no token" : "bot " + (token.indexOf(':') > 0 ? token.substring(0, token.indexOf(':')) : "?")
                    + ", token ***";
            return "TelegramBot[" + id + (apiUrl != null ? ", " + apiUrl : "") + "]";
        }
    }

    /**
     * {@code groupkit.telegram-bot.*}: set token to get a TelegramBotClient, and/or name several bots
     * under {@code accounts}; set {@code webhook.secret} to get a TelegramBotWebhook to mount.
     */
    public static class TelegramBot extends TelegramBotAccount {
        /**
         * Named bots, {@code groupkit.telegram-bot.accounts.<name>.*}: the same keys as the single
         * bot, one client bean per name, qualified by the name.
         */
        private final Map<String, TelegramBotAccount> accounts = new LinkedHashMap<>();
        private final Webhook webhook = new Webhook();

        /** The {@code groupkit.telegram-bot.*} properties, none set. */
        public TelegramBot() {
        }

        /**
         * The named bots.
         *
         * @return the bots by name (empty by default)
         */
        public Map<String, TelegramBotAccount> getAccounts() {
            return accounts;
        }

        /**
         * The single bot's webhook receiver.
         *
         * @return its settings
         */
        public Webhook getWebhook() {
            return webhook;
        }
    }

    /** {@code groupkit.telegram-bot.webhook.*}: the receiver of the single bot's pushed updates. */
    public static class Webhook {
        /**
         * The secret given to setWebhook, which Telegram sends back in X-Telegram-Bot-Api-Secret-Token
         * (1-256 of A-Z a-z 0-9 _ -; a secret).
         */
        private @Nullable String secret;

        /** No secret set: no receiver. */
        public Webhook() {
        }

        /**
         * The secret.
         *
         * @return the secret, or null
         */
        public @Nullable String getSecret() {
            return secret;
        }

        /**
         * Sets the secret.
         *
         * @param secret the secret
         */
        public void setSecret(@Nullable String secret) {
            this.secret = secret;
        }

        @Override
        public String toString() {
            return "Webhook[" + (secret == null ? "no secret" : "secret ***") + "]";
        }
    }
}
