package io.groupkit.bitrix24;

import io.groupkit.bitrix24.internal.BitrixAnswers;
import io.groupkit.bitrix24.internal.BitrixProvider;
import io.groupkit.bitrix24.internal.BitrixTransport;
import io.groupkit.bitrix24.internal.ChatMethods;
import io.groupkit.bitrix24.internal.TimeBudgets;
import io.groupkit.bitrix24.internal.Tokens;
import io.groupkit.core.Policies;
import io.groupkit.http.internal.SecureUrls;
import io.groupkit.http.HttpProviderBuilder;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.policy.RateLimiter;
import io.groupkit.core.policy.TokenBucketRateLimiter;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Entry point of the Bitrix24 adapter.
 *
 * <pre>{@code
 * Bitrix24Client b24 = Bitrix24.webhook(System.getenv("B24_WEBHOOK")).build();   // https://portal/rest/1/code/
 *
 * Bitrix24Client app = Bitrix24.oauth("https://portal.bitrix24.com/rest/", clientId, clientSecret, myTokenStore).build();
 * }</pre>
 *
 * <p>The {@linkplain Builder#pacingHeadroom(double) pacing headroom} scales both the rate and the
 * burst of the portal's bucket: at the default 0.8, 1.6 requests per second and 40 back to back on
 * the standard plan. Pacing at exactly 2/s with 50 at once earns 503 {@code QUERY_LIMIT_EXCEEDED},
 * because another client of the portal (or an earlier process) may have left requests in its bucket.
 */
public final class Bitrix24 {
    private static final Pattern WEBHOOK = Pattern.compile("(https?://[^/]+/rest/)([0-9]+)/([^/]+)/?");
    /** One request budget per portal for every client in this JVM. */
    private static final RateLimiter SHARED_BUCKETS = new TokenBucketRateLimiter();

    private Bitrix24() {
    }

    /**
     * A client over an inbound webhook.
     *
     * @param webhookUrl such as {@code https://portal.bitrix24.com/rest/1/abcdef0123456789/} (the code is a
     *     secret: it never reaches logs, messages or toString)
     * @return a builder
     */
    public static Builder webhook(String webhookUrl) {
        Objects.requireNonNull(webhookUrl, "webhookUrl must not be null");
        Matcher m = WEBHOOK.matcher(webhookUrl.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a webhook URL such as https://portal.bitrix24.com/rest/1/<code>/");
        }
        Builder b = new Builder(m.group(1) + m.group(2) + "/" + m.group(3) + "/");
        b.webhookCode = m.group(3);
        return b;
    }

    /**
     * A client of an OAuth 2.0 app: the access token goes as {@code auth} in each call; on
     * {@code expired_token} it is refreshed once for all concurrent calls and saved to the store
     * before it is used.
     *
     * @param clientEndpoint the portal's REST endpoint, such as {@code https://portal.bitrix24.com/rest/}
     * @param clientId the app's client id
     * @param clientSecret the app's client secret
     * @param store where the token pair lives
     * @return a builder
     */
    public static Builder oauth(String clientEndpoint, String clientId, String clientSecret, TokenStore store) {
        Objects.requireNonNull(clientEndpoint, "clientEndpoint must not be null");
        Builder b = new Builder(clientEndpoint.strip().endsWith("/") ? clientEndpoint.strip() : clientEndpoint.strip() + "/");
        b.clientId = Objects.requireNonNull(clientId, "clientId must not be null");
        b.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret must not be null");
        b.store = Objects.requireNonNull(store, "token store must not be null");
        return b;
    }

    /** Builds a {@link Bitrix24Client}; not thread-safe, and it never shows a secret. */
    public static final class Builder extends HttpProviderBuilder<Builder> {
        private final String base;
        private @Nullable String webhookCode;
        private @Nullable String clientId;
        private @Nullable String clientSecret;
        private @Nullable TokenStore store;
        private String oauthServer = "https://oauth.bitrix.info";
        private double bucketDrainPerSecond = 2;
        private int bucketCapacity = 50;
        private double slowDownShare = 0.9;
        private PortalMovedListener moved = (from, to) -> { };
        private int maxBodyBytes = 8 * 1024 * 1024;
        private boolean pushedEvents = true;

        private Builder(String base) {
            // Bitrix24 REST needs https (60 s: the cloud cuts requests off after 60 s).
            super(Duration.ofSeconds(60));
            SecureUrls.require(base, "the portal's REST address", "https://portal.bitrix24.com/rest/");
            this.base = base;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /**
         * The OAuth server for refreshing tokens. Default {@code https://oauth.bitrix.info}
         * (other regions use other hosts, such as {@code https://oauth.bitrix24.tech}).
         *
         * @param url the server
         * @return this builder
         */
        public Builder oauthServer(String url) {
            Objects.requireNonNull(url, "oauthServer must not be null");
            // The refresh request carries the client secret and the refresh token.
            SecureUrls.require(url, "oauthServer", "https://oauth.bitrix.info");
            this.oauthServer = url.strip().replaceAll("/+$", "");
            return this;
        }

        /**
         * The Enterprise plan's larger bucket: 5 requests per second, 250 at once. Default: 2 and 50.
         *
         * @return this builder
         */
        public Builder enterprisePlan() {
            this.bucketDrainPerSecond = 5;
            this.bucketCapacity = 250;
            return this;
        }

        /**
         * The share of a method's time budget (480 s per 10 minutes) after which that method
         * waits for the budget to recover. Default 0.9.
         *
         * @param share from 0.1 to 1
         * @return this builder
         */
        public Builder slowDownAt(double share) {
            if (!(share >= 0.1 && share <= 1.0)) {
                throw new IllegalArgumentException("expected a share from 0.1 to 1, got " + share);
            }
            this.slowDownShare = share;
            return this;
        }

        /**
         * Watches read chat listings only ({@code im.chat.user.list}), never the user's messenger
         * events. By default a watch also polls {@code im.v2.Event.get} for {@code ONIMV2JOINCHAT},
         * which tells a join sooner and at its exact time; but Bitrix24 hands one user's events to
         * one reader only: reading them confirms and removes them for every application of that
         * user. Choose this when another application (a chat bot, a mirror) reads the im.v2 events
         * of the user behind this webhook or app.
         *
         * @return this builder
         */
        public Builder listingsOnly() {
            this.pushedEvents = false;
            return this;
        }

        /**
         * Told when the portal answers 302 with a new address.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder onPortalMoved(PortalMovedListener listener) {
            this.moved = Objects.requireNonNull(listener, "listener must not be null");
            return this;
        }

        /**
         * Builds the client.
         *
         * @return the client, immutable and thread-safe
         */
        public Bitrix24Client build() {
            HttpClient http = httpClientOrDefault();
            Tokens tokens = store == null ? null : new Tokens(store, http, oauthServer,
                    Objects.requireNonNull(clientId, "clientId"), Objects.requireNonNull(clientSecret, "clientSecret"),
                    requestTimeout());
            BitrixTransport transport = new BitrixTransport(http, base, webhookCode, tokens, requestTimeout(), maxBodyBytes,
                    moved, "GroupKit/0.1 (+io.groupkit)");
            Policies effective = policies().rateLimiter().isPresent() ? policies()
                    : policies().toBuilder().rateLimiter(SHARED_BUCKETS).build();
            BitrixAnswers answers = new BitrixAnswers(transport::secrets);
            TimeBudgets budgets = new TimeBudgets(answers, effective.time(), slowDownShare);
            RateLimit portal = bucket();
            BitrixProvider provider = new BitrixProvider(transport, answers, budgets, URI.create(base).getHost(), portal,
                    effective.time(), pushedEvents);
            return new Bitrix24Client(provider, new ChatMethods(transport, answers, budgets, portal), effective);
        }


        /** The portal's bucket as the portal counts it, scaled by the pacing headroom. */
        private RateLimit bucket() {
            long interval = (long) Math.ceil(1e9 / (bucketDrainPerSecond * pacingHeadroom()));
            int burst = Math.max(1, (int) Math.floor(bucketCapacity * pacingHeadroom()));
            return new RateLimit(BitrixAnswers.PORTAL_LIMIT, 1, Duration.ofNanos(interval), burst);
        }

        @Override
        public String toString() {
            return "Bitrix24.Builder[" + (webhookCode == null ? base : base.replace(webhookCode, "***")) + "]";
        }
    }
}
