package io.groupkit.bitrix24.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.groupkit.bitrix24.PortalMovedListener;
import io.groupkit.bitrix24.TokenPair;
import io.groupkit.core.Redaction;
import io.groupkit.http.internal.Exchange;
import io.groupkit.http.internal.ExchangeFailures;
import io.groupkit.http.internal.CappedBody;
import io.groupkit.http.internal.Reply;
import io.groupkit.http.internal.SecureUrls;
import io.groupkit.core.internal.Stages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bitrix24 REST over HTTP: POST JSON to {@code {base}{method}}, where the base is the webhook
 * address (with its secret code) or the app's client endpoint (the access token then goes as
 * {@code auth} in the body). An expired token is refreshed once and the call made again; a 302
 * from a portal that moved is followed by hand, re-POSTing, and the new address kept.
 */
public final class BitrixTransport {
    private static final Logger LOG = LoggerFactory.getLogger("io.groupkit.bitrix24");

    private final HttpClient http;
    private final AtomicReference<String> base;
    private final @Nullable String webhookCode; // null for OAuth
    private final @Nullable Tokens tokens; // null for webhooks
    private final Duration requestTimeout;
    private final int maxBodyBytes;
    private final PortalMovedListener moved;
    private final String userAgent;

    /**
     * A transport.
     *
     * @param http the HTTP client (it must not follow redirects)
     * @param base the base address, ending in {@code /}
     * @param webhookCode the webhook's secret code, or null for OAuth
     * @param tokens the OAuth tokens, or null for a webhook
     * @param requestTimeout one request's timeout
     * @param maxBodyBytes the largest body read
     * @param moved told when the portal moves
     * @param userAgent the User-Agent header
     */
    public BitrixTransport(HttpClient http, String base, @Nullable String webhookCode, @Nullable Tokens tokens,
                           Duration requestTimeout, int maxBodyBytes, PortalMovedListener moved, String userAgent) {
        this.http = http;
        this.base = new AtomicReference<>(base);
        this.webhookCode = webhookCode;
        this.tokens = tokens;
        this.requestTimeout = requestTimeout;
        this.maxBodyBytes = maxBodyBytes;
        this.moved = moved;
        this.userAgent = userAgent;
    }

    /**
     * Everything secret, for redaction.
     *
     * @return the webhook code, or the OAuth secrets
     */
    public String[] secrets() {
        return tokens != null ? tokens.secrets() : new String[] {webhookCode};
    }

    /**
     * Calls a method.
     *
     * @param method the method, exactly as Bitrix24 names it (never lower-cased)
     * @param params the parameters
     * @param permits a permit of the portal's bucket for each request sent, resends included
     * @return the reply; the stage does not fail
     */
    public CompletionStage<Reply> call(String method, Map<String, ?> params, PortalPermits permits) {
        if (tokens == null) {
            return send(method, params, 1, permits);
        }
        return callWith(tokens, tokens.current(), method, params, permits, 2);
    }

    /**
     * One call with {@code pair}, renewed when refused as expired. Twice at most: a pair another
     * server stored an hour ago may be expired as well, and then it is this call's to renew.
     */
    private CompletionStage<Reply> callWith(Tokens oauth, TokenPair pair, String method, Map<String, ?> params,
                                            PortalPermits permits, int renewalsLeft) {
        return send(method, withAuth(params, pair), 1, permits).thenCompose(reply -> {
            if (!expired(reply) || renewalsLeft == 0) {
                return CompletableFuture.completedFuture(reply);
            }
            return oauth.refresh(pair).thenCompose(result -> result instanceof TokenPair fresh
                    ? callWith(oauth, fresh, method, params, permits, renewalsLeft - 1)
                    : CompletableFuture.completedFuture((Reply) result));
        });
    }

    private static Map<String, Object> withAuth(Map<String, ?> params, TokenPair pair) {
        Map<String, Object> body = new LinkedHashMap<>(params);
        body.put("auth", pair.accessToken());
        return body;
    }

    private static boolean expired(Reply reply) {
        if (!(reply instanceof Reply.Answer a) || a.status() != 401) {
            return false;
        }
        var json = BitrixAnswers.parse(a.body());
        String code = json == null ? "" : json.path("error").asText("").toLowerCase(Locale.ROOT);
        return code.equals("expired_token") || code.equals("invalid_token");
    }

    private CompletionStage<Reply> send(String method, Map<String, ?> params, int redirectsLeft, PortalPermits permits) {
        return permits.next().thenCompose(v -> send(base() + method, method, params, redirectsLeft, permits));
    }

    private CompletionStage<Reply> send(String url, String method, Map<String, ?> params, int redirectsLeft,
                                        PortalPermits permits) {
        byte[] json;
        try {
            json = BitrixAnswers.JSON.writeValueAsBytes(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the parameters of " + method, e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(requestTimeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        return Stages.invoke(() -> Exchange.send(http, request, CappedBody.handler(maxBodyBytes), permits.attempt()))
                .handle((response, e) -> {
            if (e != null) {
                Reply failed = ExchangeFailures.classify(Stages.unwrap(e), http, request.uri(), this::redact);
                LOG.debug("POST {} failed: {}", describe(method), failed);
                return CompletableFuture.completedFuture(failed);
            }
            Optional<Reply.NotSent> proxy = ExchangeFailures.proxyRefusal(response, http, request.uri());
            if (proxy.isPresent()) {
                LOG.debug("POST {} failed: {}", describe(method), proxy.get());
                return CompletableFuture.completedFuture((Reply) proxy.get());
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("POST {} -> {}", describe(method), response.statusCode());
            }
            Optional<String> location = response.headers().firstValue("Location");
            if (isRedirect(response) && location.isPresent() && redirectsLeft > 0) {
                Optional<String> target = acceptable(url, location.get());
                if (target.isPresent()) {
                    return followed(method, params, target.get(), redirectsLeft, permits);
                }
            }
            return CompletableFuture.completedFuture((Reply) new Reply.Answer(response.statusCode(), response.body(),
                    Optional.empty(), location.map(this::redact)));
        }).thenCompose(s -> s);
    }

    private CompletionStage<Reply> followed(String method, Map<String, ?> params, String target, int redirectsLeft,
                                            PortalPermits permits) {
        return permits.next().thenCompose(v -> send(target, method, params, redirectsLeft - 1, permits)).thenApply(reply -> {
            String newBase = target.endsWith(method) ? target.substring(0, target.length() - method.length())
                    : target.endsWith(method + ".json") ? target.substring(0, target.length() - method.length() - 5) : null;
            if (newBase != null && reply instanceof Reply.Answer) {
                String old = base.getAndSet(newBase);
                if (!old.equals(newBase)) {
                    LOG.warn("bitrix24 portal moved: {} -> {}", redact(old), redact(newBase));
                    moved.moved(redact(old), redact(newBase));
                }
            }
            return reply;
        });
    }

    private static boolean isRedirect(HttpResponse<?> r) {
        int s = r.statusCode();
        return s == 301 || s == 302 || s == 307 || s == 308;
    }

    /** Follows only to https (or loopback for tests), resolving a relative Location. */
    private static Optional<String> acceptable(String from, String location) {
        try {
            return SecureUrls.check(URI.create(from).resolve(location).toString()).map(URI::toString);
        } catch (IllegalArgumentException bad) {
            return Optional.empty();
        }
    }

    /**
     * A method's address without secrets.
     *
     * @param method the method
     * @return for logs and messages
     */
    public String describe(String method) {
        return redact(base()) + method;
    }

    /** The portal's REST address now (it changes when the portal moves). */
    private String base() {
        return Objects.requireNonNull(base.get(), "the portal's address is always set");
    }

    private String redact(String text) {
        return Redaction.removeSecrets(text, secrets());
    }

    @Override
    public String toString() {
        return "BitrixTransport[" + redact(base()) + (tokens != null ? ", OAuth" : ", webhook") + "]";
    }
}
