package io.groupkit.telegram.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipEventHandler;
import io.groupkit.telegram.bot.internal.BotAnswers;
import io.groupkit.telegram.bot.internal.UpdateMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the updates Telegram pushes to a bot's webhook ({@link TelegramBotClient#setWebhook})
 * and hands their membership events to a handler, mapped exactly as a watch maps
 * {@code getUpdates}. Mount it on the JDK's HTTP server ({@code server.createContext("/tg", hook)})
 * or call {@link #handle(Map, byte[])} from any framework.
 *
 * <p>A request without the secret in {@code X-Telegram-Bot-Api-Secret-Token} (compared in
 * constant time) is refused with 401 and nothing is delivered. An update is answered 200 only
 * after the handler returned for each of its events; when it throws, the answer is 500 and
 * Telegram sends the update again: that is what makes delivery durable. Events already handed
 * over (the same id, from an update sent again) are not handed over twice; events are handed
 * over one at a time. Every chat's events come, not only some groups': filter by
 * {@code event.group()} where that matters. A join through one of GroupKit's personal links
 * revokes that link before the update is answered, best effort, as a watch does. Thread-safe.
 */
public final class TelegramBotWebhook implements HttpHandler {
    /** The header Telegram sends the secret in. */
    public static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static final Logger LOG = LoggerFactory.getLogger("io.groupkit.telegram.bot");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final int MAX_BODY = 1024 * 1024;
    private static final int REMEMBERED = 10_000;

    private final byte[] secret;
    private final MembershipEventHandler handler;
    private final UpdateMapper mapper;
    private final Consumer<UpdateMapper.UsedLink> revoke;
    private final Map<String, Boolean> delivered = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    TelegramBotWebhook(String secretToken, MembershipEventHandler handler, UpdateMapper mapper,
                       Consumer<UpdateMapper.UsedLink> revoke) {
        checkSecret(secretToken);
        this.revoke = revoke;
        this.secret = secretToken.getBytes(StandardCharsets.US_ASCII);
        this.handler = Objects.requireNonNull(handler, "handler must not be null");
        this.mapper = mapper;
    }

    static void checkSecret(String secretToken) {
        Objects.requireNonNull(secretToken, "secretToken must not be null");
        if (!SECRET.matcher(secretToken).matches()) {
            throw new IllegalArgumentException("expected a webhook secret of 1 to 256 letters, digits, '_' or '-'");
        }
    }

    /**
     * Handles one pushed update.
     *
     * @param headers the request's headers (names in any case)
     * @param body the request's body
     * @return the HTTP status to answer: 200 delivered (or nothing to deliver), 400 not an update,
     *     401 wrong or missing secret, 500 the handler failed (Telegram sends it again)
     */
    public int handle(Map<String, String> headers, byte[] body) {
        String given = null;
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().toLowerCase(Locale.ROOT).equals(SECRET_HEADER.toLowerCase(Locale.ROOT))) {
                given = h.getValue();
            }
        }
        if (given == null || !MessageDigest.isEqual(secret, given.getBytes(StandardCharsets.US_ASCII))) {
            LOG.debug("telegram-bot webhook: refused a request without the right secret");
            return 401;
        }
        JsonNode update = BotAnswers.parse(body);
        if (update == null || !update.path("update_id").canConvertToLong()) {
            LOG.debug("telegram-bot webhook: a request that is not an update ({} bytes)", body.length);
            return 400;
        }
        int status = deliver(update);
        if (status == 200) {
            // After the events were handed over, as getUpdates does: a used personal link is
            // revoked, best effort (it is used up anyway); a failure never refuses the update.
            mapper.usedPersonalLink(update).ifPresent(used -> {
                try {
                    revoke.accept(used);
                } catch (RuntimeException e) {
                    LOG.debug("telegram-bot webhook: a used personal link was not revoked ({})", e.getClass().getSimpleName());
                }
            });
        }
        return status;
    }

    private synchronized int deliver(JsonNode update) {
        for (MembershipEvent e : mapper.map(update)) {
            if (delivered.containsKey(e.id())) {
                continue;
            }
            try {
                handler.handle(e);
            } catch (Exception failed) {
                LOG.warn("telegram-bot webhook: the handler failed on {} ({}); Telegram will send it again", e.id(),
                        failed.getClass().getSimpleName());
                return 500;
            }
            delivered.put(e.id(), Boolean.TRUE);
        }
        return 200;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status;
            if (!"POST".equals(exchange.getRequestMethod())) {
                status = 405;
            } else {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readNBytes(MAX_BODY + 1);
                }
                Map<String, String> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
                status = body.length > MAX_BODY ? 413 : handle(headers, body);
            }
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public String toString() {
        return "TelegramBotWebhook[secret ***]";
    }
}
