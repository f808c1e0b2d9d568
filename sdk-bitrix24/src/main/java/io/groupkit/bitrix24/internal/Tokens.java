package io.groupkit.bitrix24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.bitrix24.TokenPair;
import io.groupkit.bitrix24.TokenStore;
import io.groupkit.http.internal.Exchange;
import io.groupkit.http.internal.ExchangeFailures;
import io.groupkit.core.Redaction;
import io.groupkit.http.internal.CappedBody;
import io.groupkit.http.internal.Reply;
import io.groupkit.core.internal.Stages;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jspecify.annotations.Nullable;

/**
 * The OAuth token pair: one renewal at a time for every concurrent caller (the refresh token
 * rotates, so a second refresh with the old one would fail), done through
 * {@link TokenStore#renew} so that a store shared by several servers makes it one renewal per
 * fleet, and the new pair saved to the store before anyone uses it.
 */
public final class Tokens {
    private static final Logger LOG = LoggerFactory.getLogger("io.groupkit.bitrix24");
    private static final byte[] REFUSED_BEFORE = ("{\"error\":\"invalid_grant\",\"error_description\":\"the token store"
            + " says the OAuth server refused this refresh token before (on this server or another); it is not sent"
            + " again until a new pair is stored\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final TokenStore store;
    private final HttpClient http;
    private final String oauthServer;
    private final String clientId;
    private final String clientSecret;
    private final Duration timeout;
    private volatile TokenPair current;
    private volatile @Nullable TokenPair previous;
    private volatile @Nullable TokenPair unsaved;
    // A pair the OAuth server refused (invalid_grant), and its answer: never sent to it again; only a
    // new pair in the store (a person authorised the app again, another server renewed) revives the client.
    private @Nullable TokenPair dead; // guarded by this
    private @Nullable Object deadAnswer; // guarded by this
    private @Nullable CompletableFuture<Object> inFlight; // guarded by this

    /**
     * Tokens of one app installation.
     *
     * @param store where the pair lives
     * @param http the HTTP client
     * @param oauthServer the OAuth server, such as {@code https://oauth.bitrix.info}
     * @param clientId the app's client id
     * @param clientSecret the app's client secret
     * @param timeout the refresh request's timeout
     */
    public Tokens(TokenStore store, HttpClient http, String oauthServer, String clientId, String clientSecret,
                  Duration timeout) {
        this.store = store;
        this.http = http;
        this.oauthServer = oauthServer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.timeout = timeout;
        this.current = java.util.Objects.requireNonNull(store.load(), "the token store has no pair");
    }

    /**
     * The pair to use now; a pair whose save failed earlier is saved again first.
     *
     * @return the pair
     */
    public TokenPair current() {
        TokenPair pending = unsaved;
        if (pending != null) {
            save(pending);
        }
        return current;
    }

    /**
     * Everything secret this object knows, for redaction.
     *
     * @return the client secret and the tokens in use now and before
     */
    public String[] secrets() {
        TokenPair c = current;
        TokenPair p = previous;
        return p == null ? new String[] {clientSecret, c.accessToken(), c.refreshToken()}
                : new String[] {clientSecret, c.accessToken(), c.refreshToken(), p.accessToken(), p.refreshToken()};
    }

    /**
     * Renews the pair that a call found expired. Callers with the same stale pair share one
     * refresh; a caller whose pair was renewed meanwhile gets the new pair at once.
     *
     * @param stale the pair the caller used
     * @return the new {@link TokenPair}, or the {@link Reply} of a refresh that failed
     */
    public CompletionStage<Object> refresh(TokenPair stale) {
        CompletableFuture<Object> mine;
        Object knownDead;
        synchronized (this) {
            if (!current.equals(stale)) {
                return CompletableFuture.completedFuture(current);
            }
            if (inFlight != null) {
                return inFlight;
            }
            mine = new CompletableFuture<>();
            inFlight = mine;
            knownDead = stale.equals(dead) ? deadAnswer : null;
        }
        AtomicReference<Object> refused = new AtomicReference<>();
        AtomicReference<TokenPair> fetched = new AtomicReference<>();
        // A pair the OAuth server refused before is not sent to it again: only a pair stored since (a new
        // authorisation, another server's renewal) goes on. Inside the store's renewal, where a fleet's
        // store holds its lock and may block.
        TokenStore.OAuthRefresh oauth = knownDead != null ? s -> {
            TokenPair stored = store.load();
            if (stored != null && !stored.equals(s)) {
                return CompletableFuture.completedFuture(Optional.of(stored));
            }
            refused.set(knownDead);
            return CompletableFuture.completedFuture(Optional.empty());
        } : s -> fetch(s.refreshToken()).thenApply(answer -> {
            if (answer instanceof TokenPair fresh) {
                fetched.set(fresh);
                return Optional.of(fresh);
            }
            refused.set(answer);
            return Optional.empty();
        });
        Stages.invoke(() -> store.renew(stale, oauth)).whenComplete((renewal, e) -> {
            Object outcome;
            if (e == null && renewal != null && renewal.pair().isPresent()) {
                outcome = use(renewal, fetched.get() != null ? Renewer.THIS_SERVER : Renewer.ANOTHER_SERVER);
            } else if (e != null && fetched.get() != null) {
                // The store failed after the OAuth server answered: the old refresh token is dead, keep the new one.
                outcome = use(TokenStore.Renewal.unsaved(fetched.get()), Renewer.THIS_SERVER);
            } else if (refused.get() != null) {
                outcome = refused.get();
            } else if (e != null) {
                // Nothing went to the OAuth server: the store could not even be asked.
                LOG.warn("bitrix24: the token store could not renew the token pair ({})",
                        Stages.unwrap(e).getClass().getName());
                outcome = new Reply.NotSent("token store: " + Stages.unwrap(e).getClass().getSimpleName());
            } else if (renewal != null) {
                // The store refused without asking the OAuth server: a fleet's store that knows this
                // refresh token was refused before, on this server or another (JdbcTokenStore's refused_at).
                outcome = new Reply.Answer(400, REFUSED_BEFORE, Optional.empty());
            } else {
                outcome = new Reply.Lost("refresh: the token store gave no pair");
            }
            synchronized (this) {
                inFlight = null;
                if (knownDead == null && outcome instanceof Reply.Answer refusal && isFinal(refusal)) {
                    dead = stale;
                    deadAnswer = refusal;
                    LOG.error("bitrix24: the OAuth server refused the refresh token (HTTP {}): the app must be"
                            + " authorised again; it is not asked again until a new pair is stored", refusal.status());
                }
            }
            mine.complete(outcome);
        });
        return mine;
    }

    /** A refusal no retry can turn: the refresh token is dead or the app's credentials are wrong. */
    private static boolean isFinal(Reply.Answer refusal) {
        return refusal.status() == 400 || refusal.status() == 401 || refusal.status() == 403;
    }

    /** Who asked the OAuth server for the pair now taken into use. */
    private enum Renewer { THIS_SERVER, ANOTHER_SERVER }

    private TokenPair use(TokenStore.Renewal renewal, Renewer renewer) {
        TokenPair fresh = renewal.pair().orElseThrow();
        if (renewal.saved()) {
            unsaved = null;
        } else {
            unsaved = fresh;
            LOG.error("bitrix24: the token store failed to save the new token pair; it is kept in memory and"
                    + " saved again at the next call");
        }
        previous = current;
        current = fresh;
        if (renewer == Renewer.THIS_SERVER) {
            LOG.info("bitrix24 tokens refreshed");
        } else {
            LOG.info("bitrix24 tokens: using the pair another server stored");
        }
        return fresh;
    }

    private void save(TokenPair pair) {
        try {
            store.save(pair);
            unsaved = null;
        } catch (RuntimeException e) {
            // The old refresh token is dead already: keep the new pair and save it again next call.
            unsaved = pair;
            LOG.error("bitrix24: the token store failed to save the new token pair ({}); it is kept in memory and"
                    + " saved again at the next call", e.getClass().getName());
        }
    }

    private CompletionStage<Object> fetch(String refreshToken) {
        String url = oauthServer + "/oauth/token/?grant_type=refresh_token&client_id=" + enc(clientId)
                + "&client_secret=" + enc(clientSecret) + "&refresh_token=" + enc(refreshToken);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET()
                .header("Accept", "application/json").build();
        return Stages.invoke(() -> Exchange.send(http, request, CappedBody.handler(64 * 1024))).handle((response, e) -> {
            if (e != null) {
                // The address carries the client secret and the refresh token: only host and port are named.
                Reply failed = ExchangeFailures.classify(Stages.unwrap(e), http, request.uri(),
                        text -> Redaction.removeSecrets(text, clientSecret, refreshToken));
                return failed instanceof Reply.NotSent n
                        ? new Reply.NotSent(n.failure(), "refresh: " + n.problem(), n.remedy())
                        : new Reply.Lost("refresh: " + ((Reply.Lost) failed).problem());
            }
            Optional<Reply.NotSent> proxy = ExchangeFailures.proxyRefusal(response, http, request.uri());
            if (proxy.isPresent()) {
                return proxy.get();
            }
            JsonNode json = BitrixAnswers.parse(response.body());
            if (response.statusCode() == 200 && json != null && json.path("access_token").isTextual()
                    && json.path("refresh_token").isTextual()) {
                return new TokenPair(json.path("access_token").asText(), json.path("refresh_token").asText());
            }
            return new Reply.Answer(response.statusCode() == 200 ? 401 : response.statusCode(), response.body(), Optional.empty());
        });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Tokens[" + oauthServer + ", client " + clientId + "]";
    }
}
