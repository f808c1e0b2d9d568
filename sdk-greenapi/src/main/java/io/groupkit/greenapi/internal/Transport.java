package io.groupkit.greenapi.internal;

import io.groupkit.core.spi.AttemptContext;
import io.groupkit.http.internal.Exchange;
import io.groupkit.http.internal.ExchangeFailures;
import io.groupkit.http.internal.CappedBody;
import io.groupkit.http.internal.Reply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupkit.core.Redaction;
import io.groupkit.core.internal.Stages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Green-API over HTTP: {@code {apiUrl}[/v3]/waInstance{id}/{method}/{token}}. The token sits in the
 * path, so no URL leaves this class except redacted. No method throws: every failure is a reply,
 * and a body that cannot be written (a bug) fails the stage.
 */
public final class Transport {
    private static final Logger LOG = LoggerFactory.getLogger("io.groupkit.greenapi");
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String apiUrl;
    private final String pathPrefix;
    private final String idInstance;
    private final String token;
    private final Duration requestTimeout;
    private final int maxBodyBytes;

    /**
     * A transport.
     *
     * @param http the client to send with
     * @param apiUrl the instance's API host, without a trailing slash
     * @param pathPrefix the path before {@code /waInstance} ({@code /v3} for MAX), or empty
     * @param idInstance the instance id
     * @param token the instance token (secret)
     * @param requestTimeout how long one request may take, from sending to the last body byte
     * @param maxBodyBytes the largest body read
     */
    public Transport(HttpClient http, String apiUrl, String pathPrefix, String idInstance, String token,
                     Duration requestTimeout, int maxBodyBytes) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.pathPrefix = pathPrefix;
        this.idInstance = idInstance;
        this.token = token;
        this.requestTimeout = requestTimeout;
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * POSTs a JSON body to a method.
     *
     * @param ctx the attempt (a waiting caller's thread may make the exchange itself)
     * @param method the method, such as {@code addGroupParticipant}
     * @param body the fields
     * @return the reply; the stage does not fail
     */
    public CompletionStage<Reply> post(AttemptContext ctx, String method, Map<String, ?> body) {
        return post(method, body, ctx);
    }

    /**
     * POSTs a JSON body to a method, asynchronously: for a read that several calls share.
     *
     * @param method the method, such as {@code getGroupData}
     * @param body the fields
     * @return the reply; the stage does not fail
     */
    public CompletionStage<Reply> post(String method, Map<String, ?> body) {
        return post(method, body, null);
    }

    private CompletionStage<Reply> post(String method, Map<String, ?> body, @Nullable AttemptContext ctx) {
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedStage(new IllegalStateException("cannot write the body of " + method, e));
        }
        return send(method, HttpRequest.BodyPublishers.ofByteArray(json), "POST", "application/json", ctx);
    }

    /**
     * POSTs a multipart form with text fields and one file.
     *
     * @param ctx the attempt
     * @param method the method, such as {@code setGroupPicture}
     * @param fields the text fields
     * @param fileField the file's field name
     * @param fileName the file's name
     * @param contentType the file's type
     * @param content the file's bytes
     * @return the reply; the stage does not fail
     */
    public CompletionStage<Reply> postMultipart(AttemptContext ctx, String method, Map<String, String> fields, String fileField,
                                                String fileName, String contentType, byte[] content) {
        String boundary = "groupkit-" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        java.nio.charset.Charset utf8 = java.nio.charset.StandardCharsets.UTF_8;
        fields.forEach((name, value) -> body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\""
                + name + "\"\r\n\r\n" + value + "\r\n").getBytes(utf8)));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
                + fileName + "\"\r\nContent-Type: " + contentType + "\r\n\r\n").getBytes(utf8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(utf8));
        return send(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()), "POST",
                "multipart/form-data; boundary=" + boundary, ctx);
    }

    /**
     * GETs a method.
     *
     * @param ctx the attempt
     * @param method the method, such as {@code getStateInstance}
     * @return the reply; the stage does not fail
     */
    public CompletionStage<Reply> get(AttemptContext ctx, String method) {
        return send(method, HttpRequest.BodyPublishers.noBody(), "GET", "application/json", ctx);
    }

    /**
     * GETs a method, asynchronously: for a read that several calls share.
     *
     * @param method the method, such as {@code getSettings}
     * @return the reply; the stage does not fail
     */
    public CompletionStage<Reply> get(String method) {
        return send(method, HttpRequest.BodyPublishers.noBody(), "GET", "application/json", null);
    }

    private CompletionStage<Reply> send(String method, HttpRequest.BodyPublisher body, String verb, String contentType,
                                        @Nullable AttemptContext ctx) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(apiUrl + pathPrefix + "/waInstance" + idInstance + "/" + method + "/" + token))
                .timeout(requestTimeout)
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .method(verb, body)
                .build();
        return Stages.invoke(() -> ctx == null ? Exchange.send(http, request, CappedBody.handler(maxBodyBytes))
                        : Exchange.send(http, request, CappedBody.handler(maxBodyBytes), ctx))
                .handle((response, e) -> {
                    if (e == null) {
                        if (LOG.isDebugEnabled()) {
                            LOG.debug("{} {} -> {}", verb, describe(method), response.statusCode());
                        }
                        return ExchangeFailures.proxyRefusal(response, http, request.uri()).map(Reply.class::cast)
                                .orElseGet(() -> answer(response));
                    }
                    Reply failed = ExchangeFailures.classify(Stages.unwrap(e), http, request.uri(), this::redact);
                    LOG.debug("{} {} failed: {}", verb, describe(method), failed);
                    return failed;
                });
    }

    private static Reply answer(HttpResponse<byte[]> response) {
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                long seconds = Long.parseLong(v.trim());
                return seconds >= 0 && seconds < 86_400 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
            } catch (NumberFormatException notSeconds) {
                return Optional.empty();
            }
        });
        return new Reply.Answer(response.statusCode(), response.body(), retryAfter);
    }

    /**
     * A method's URL with the token removed, for logs and messages.
     *
     * @param method the method
     * @return the redacted URL
     */
    public String describe(String method) {
        return apiUrl + pathPrefix + "/waInstance" + idInstance + "/" + method + "/" + Redaction.REDACTED;
    }

    /**
     * Removes the token from any text.
     *
     * @param text any text
     * @return the text without the token
     */
    public String redact(String text) {
        return Redaction.removeSecrets(text, token);
    }

    @Override
    public String toString() {
        return "Transport[" + apiUrl + pathPrefix + ", instance " + idInstance + "]";
    }
}
