package io.groupkit.telegram.bot.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.groupkit.core.Redaction;
import io.groupkit.core.internal.Stages;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.http.internal.CappedBody;
import io.groupkit.http.internal.Exchange;
import io.groupkit.http.internal.ExchangeFailures;
import io.groupkit.http.internal.Reply;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bot API over HTTP: {@code POST {apiUrl}/bot<token>/<method>} with a JSON body. The token
 * sits in the path, so no address with it ever leaves this class: logs and problems name the
 * method only ({@code bot***}).
 */
public final class BotTransport {
    private static final Logger LOG = LoggerFactory.getLogger("io.groupkit.telegram.bot");

    private final HttpClient http;
    private final String apiUrl;
    private final String token;
    private final Duration requestTimeout;
    private final int maxBodyBytes;

    /**
     * A transport.
     *
     * @param http the client
     * @param apiUrl the server, without a trailing slash
     * @param token the bot's token (secret)
     * @param requestTimeout one request's timeout (a long poll's own wait is added to it)
     * @param maxBodyBytes the largest body read
     */
    public BotTransport(HttpClient http, String apiUrl, String token, Duration requestTimeout, int maxBodyBytes) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.token = token;
        this.requestTimeout = requestTimeout;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Calls a method.
     *
     * @param ctx the attempt (a synchronous caller's thread may wait; a watch's never does)
     * @param method the method, such as {@code getChatMember}
     * @param params the parameters
     * @param extraWait how long the server may hold the answer on purpose (a long poll), else zero
     * @return the reply; the stage does not fail
     */
    public CompletionStage<Reply> call(AttemptContext ctx, String method, Map<String, ?> params, Duration extraWait) {
        byte[] json;
        try {
            json = BotAnswers.JSON.writeValueAsBytes(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the parameters of " + method, e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + "/bot" + token + "/" + method))
                .timeout(requestTimeout.plus(extraWait))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("User-Agent", "GroupKit/0.1 (+io.groupkit)")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        // A long poll holds the answer on purpose: never on a caller's thread.
        CompletionStage<? extends java.net.http.HttpResponse<byte[]>> sent = extraWait.isZero()
                ? Stages.invoke(() -> Exchange.send(http, request, CappedBody.handler(maxBodyBytes), ctx))
                : Stages.invoke(() -> Exchange.send(http, request, CappedBody.handler(maxBodyBytes)));
        return sent.handle((response, e) -> {
            if (e != null) {
                Reply failed = ExchangeFailures.classify(Stages.unwrap(e), http, request.uri(), this::redact);
                LOG.debug("POST {} failed: {}", describe(method), failed);
                return failed;
            }
            Optional<Reply.NotSent> proxy = ExchangeFailures.proxyRefusal(response, http, request.uri());
            if (proxy.isPresent()) {
                LOG.debug("POST {} failed: {}", describe(method), proxy.get());
                return proxy.get();
            }
            LOG.debug("POST {} -> {}", describe(method), response.statusCode());
            return (Reply) new Reply.Answer(response.statusCode(), response.body(), Optional.empty());
        });
    }

    /** Completed, for callers that decided locally. */
    static CompletionStage<Reply> done(Reply r) {
        return CompletableFuture.completedFuture(r);
    }

    /**
     * A method's address without the token.
     *
     * @param method the method
     * @return for logs and messages
     */
    public String describe(String method) {
        return apiUrl + "/bot" + Redaction.REDACTED + "/" + method;
    }

    /**
     * Removes the token (and its secret half alone) from a text.
     *
     * @param text any text
     * @return the text without the token
     */
    public String redact(String text) {
        return Redaction.removeSecrets(text, token, token.substring(token.indexOf(':') + 1));
    }

    @Override
    public String toString() {
        return "BotTransport[" + apiUrl + "/bot" + Redaction.REDACTED + "]";
    }
}
