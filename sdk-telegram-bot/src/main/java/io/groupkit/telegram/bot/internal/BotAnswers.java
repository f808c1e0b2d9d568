package io.groupkit.telegram.bot.internal;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupkit.core.AccessDenied;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.Failure;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotMember;
import io.groupkit.core.Outcome;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.RateLimited;
import io.groupkit.core.TooManyGroups;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.Unsupported;
import io.groupkit.core.spi.Effect;
import io.groupkit.http.internal.BodyText;
import io.groupkit.http.internal.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The Bot API's answers as outcomes: {@code {"ok":true,"result":…}} is a result; an
 * {@code {"ok":false,"error_code":N,"description":"…","parameters":{…}}} is matched, row by row,
 * on the description the server wrote (the numbers are "subject to change"); anything else (an
 * HTML error page, a truncated body) is no answer at all: {@link Indeterminate} for a change,
 * {@link Unavailable} for a read.
 */
public final class BotAnswers {
    /** The provider's name in every outcome. */
    public static final String PROVIDER = "telegram-bot";
    /** Jackson, shared. */
    public static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final Pattern MTPROTO_NAME = Pattern.compile("[A-Z][A-Z0-9_]{2,}");

    /** One row: a description (after its "Bad Request: " or "Forbidden: " prefix) and its outcome. */
    private record Row(String code, Function<String, Boolean> matches, Function<ProviderDetail, Outcome> outcome) {
    }

    private static Row exact(String code, String text, Function<ProviderDetail, Outcome> outcome) {
        return new Row(code, d -> d.equals(text), outcome);
    }

    private static Row prefix(String code, String text, Function<ProviderDetail, Outcome> outcome) {
        return new Row(code, d -> d.startsWith(text), outcome);
    }

    /** The table, from the server's own strings (TBA and the MTProto names it passes through). */
    private static final List<Row> ROWS = List.of(
            prefix("BOT_NOT_MEMBER", "bot is not a member of the", d -> new AccessDenied(d.withDescription(
                    "the bot is not in this chat").withRemedy("add the bot to the group and make it an administrator"))),
            prefix("BOT_KICKED", "bot was kicked from the", d -> new AccessDenied(d.withDescription(
                    "the bot was removed from this chat").withRemedy("add the bot to the group again as an administrator"))),
            exact("CHAT_DELETED", "the group chat was deleted", d -> new NotFound(d.withDescription(
                    "the group was deleted"), NotFound.Subject.GROUP)),
            exact("CHAT_NOT_FOUND", "chat not found", d -> new NotFound(d.withDescription(
                    "no chat with this id, or the bot cannot see it"), NotFound.Subject.GROUP)),
            exact("CHAT_NOT_FOUND", "private chat not found", d -> new NotFound(d.withDescription(
                    "no chat with this id, or the bot cannot see it"), NotFound.Subject.GROUP)),
            exact("CHAT_ID_EMPTY", "chat_id is empty", d -> new NotFound(d.withDescription(
                    "no chat id was given"), NotFound.Subject.GROUP)),
            exact("USER_NOT_FOUND", "user not found", d -> new NotFound(d.withDescription(
                    "Telegram does not know this user id"), NotFound.Subject.MEMBER)),
            exact("USER_ID_INVALID", "invalid user_id specified", d -> new NotFound(d.withDescription(
                    "not a valid user id"), NotFound.Subject.MEMBER)),
            exact("USER_DEACTIVATED", "user is deactivated", d -> new NotFound(d.withDescription(
                    "the person deleted their account"), NotFound.Subject.MEMBER)),
            prefix("NOT_ENOUGH_RIGHTS", "not enough rights to", d -> new AccessDenied(d.withRemedy(
                    "make the bot an administrator with the right named (invite users, ban users)"))),
            exact("USER_ADMIN_INVALID", "user is an administrator of the chat", d -> new Unsupported(d.withDescription(
                    "the person is an administrator: a bot cannot remove an administrator")
                    .withRemedy("demote them first"))),
            prefix("SUPERGROUPS_ONLY", "method is available only for supergroups", d -> new Unsupported(d.withDescription(
                    "this works in supergroups only").withRemedy("upgrade the group to a supergroup"))),
            prefix("SUPERGROUPS_ONLY", "method is available for supergroup and channel chats only", d -> new Unsupported(
                    d.withDescription("this works in supergroups only").withRemedy("upgrade the group to a supergroup"))),
            // MTProto names passed through after "Bad Request: ", read as the MTProto adapter reads them.
            exact("USER_ALREADY_PARTICIPANT", "USER_ALREADY_PARTICIPANT", d -> new AlreadyMember(d.withDescription(
                    "the person is already in the group"))),
            exact("USER_NOT_PARTICIPANT", "USER_NOT_PARTICIPANT", d -> new NotMember(d.withDescription(
                    "the person is not in the group"))),
            exact("HIDE_REQUESTER_MISSING", "HIDE_REQUESTER_MISSING", d -> new NotFound(d.withDescription(
                    "no pending join request of this person (decided already, withdrawn, or never made)"),
                    NotFound.Subject.MEMBER)),
            exact("USER_CHANNELS_TOO_MUCH", "USER_CHANNELS_TOO_MUCH", d -> new TooManyGroups(d.withDescription(
                    "the person is in too many groups and channels to join another"))),
            exact("USER_ID_INVALID", "USER_ID_INVALID", d -> new NotFound(d.withDescription(
                    "not a valid user id here (for a join request: the person has not asked to join)"),
                    NotFound.Subject.MEMBER)),
            exact("PARTICIPANT_ID_INVALID", "PARTICIPANT_ID_INVALID", d -> new NotFound(d.withDescription(
                    "Telegram does not know this person in this group"), NotFound.Subject.MEMBER)),
            exact("CHAT_ADMIN_REQUIRED", "CHAT_ADMIN_REQUIRED", d -> new AccessDenied(d.withDescription(
                    "the bot must be an administrator of the group for this"))),
            exact("RIGHT_FORBIDDEN", "RIGHT_FORBIDDEN", d -> new AccessDenied(d.withDescription(
                    "the bot lacks the administrator right for this"))),
            exact("USER_ADMIN_INVALID", "USER_ADMIN_INVALID", d -> new Unsupported(d.withDescription(
                    "the person is an administrator: a bot cannot remove an administrator")
                    .withRemedy("demote them first"))),
            exact("USER_CREATOR", "USER_CREATOR", d -> new Unsupported(d.withDescription(
                    "the person is the group's owner"))),
            exact("CHANNEL_PRIVATE", "CHANNEL_PRIVATE", d -> new AccessDenied(d.withDescription(
                    "the bot cannot see this chat (private, or the bot was removed)"))),
            exact("INPUT_USER_DEACTIVATED", "INPUT_USER_DEACTIVATED", d -> new NotFound(d.withDescription(
                    "the person deleted their account"), NotFound.Subject.MEMBER)));

    private BotAnswers() {
    }

    /**
     * What came back: a result, or the outcome instead of one.
     *
     * @param result the {@code result} of an {@code ok} answer, or null
     * @param failure the outcome when there is no result, or null
     * @param migratedTo the supergroup a basic group became ({@code migrate_to_chat_id}), else 0
     */
    public record Read(@Nullable JsonNode result, @Nullable Outcome failure, long migratedTo) {
        /**
         * A result or a failure, with no migration.
         *
         * @param result the result, or null
         * @param failure the failure, or null
         */
        public Read(@Nullable JsonNode result, @Nullable Outcome failure) {
            this(result, failure, 0);
        }

        /**
         * The result, read once {@link #failure()} is known to be null.
         *
         * @return the result, or a missing node
         */
        public JsonNode value() {
            JsonNode v = result;
            return v != null ? v : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    /**
     * Reads a reply.
     *
     * @param reply what the transport got
     * @param method the method called, for the detail
     * @param effect whether the call changes something (a lost answer to a change is {@link Indeterminate})
     * @param redact removes the token
     * @return a result or an outcome
     */
    public static Read read(Reply reply, String method, Effect effect, UnaryOperator<String> redact) {
        if (reply instanceof Reply.NotSent ns) {
            return failed(ns.outcome(ProviderDetail.of(PROVIDER, ns.failure().name()).withDescription(redact.apply(ns.problem()))));
        }
        if (reply instanceof Reply.Lost lost) {
            return failed(lost(ProviderDetail.of(PROVIDER, "NO_ANSWER").withDescription(
                    method + ": " + redact.apply(lost.problem())), effect));
        }
        Reply.Answer a = (Reply.Answer) reply;
        JsonNode json = parse(a.body());
        if (json == null || !json.path("ok").isBoolean()) {
            // A proxy's HTML page, a cut-off body: not the Bot API speaking.
            ProviderDetail d = ProviderDetail.of(PROVIDER, "NOT_AN_ANSWER").withStatus(a.status()).withDescription(
                    method + ": HTTP " + a.status() + " without a Bot API answer: " + redact.apply(BodyText.printable(a.body(), 120)));
            return failed(a.status() == 401 ? new Unauthorized(d) : lost(d, effect));
        }
        if (json.path("ok").asBoolean() && json.has("result")) {
            return new Read(json.get("result"), null);
        }
        if (json.path("ok").asBoolean()) {
            return failed(lost(ProviderDetail.of(PROVIDER, "NO_RESULT").withStatus(a.status())
                    .withDescription(method + ": an ok answer without a result"), effect));
        }
        return new Read(null, error(json.path("error_code").asInt(a.status()), redact.apply(json.path("description").asText("")),
                json.path("parameters"), effect), json.path("parameters").path("migrate_to_chat_id").asLong(0));
    }

    /**
     * The outcome of one {@code ok:false} answer.
     *
     * @param code error_code
     * @param description the server's description
     * @param parameters the ResponseParameters, or a missing node
     * @param effect whether the call changes something
     * @return the outcome
     */
    public static Outcome error(int code, String description, JsonNode parameters, Effect effect) {
        String text = description.replaceFirst("^(Bad Request|Forbidden|Unauthorized|Conflict|Too Many Requests|Internal Server Error): ?", "");
        ProviderDetail base = ProviderDetail.of(PROVIDER, "ERROR_" + code).withStatus(code).withDescription(description);
        if (code == 429 || description.startsWith("Too Many Requests")) {
            long seconds = parameters.path("retry_after").asLong(0);
            ProviderDetail d = ProviderDetail.of(PROVIDER, "TOO_MANY_REQUESTS").withStatus(code).withDescription(description);
            return seconds > 0 ? new RateLimited(d, Duration.ofSeconds(seconds)) : new RateLimited(d);
        }
        if (parameters.path("migrate_to_chat_id").isIntegralNumber()) {
            // Outcomes mask digit runs, so the new id is told by TelegramBotClient.upgradedTo.
            return new NotFound(ProviderDetail.of(PROVIDER, "GROUP_MIGRATED").withStatus(code)
                    .withDescription("the group was upgraded to a supergroup, which has a new chat id")
                    .withRemedy("use client.upgradedTo(chat) for the supergroup's id"), NotFound.Subject.GROUP);
        }
        if (code == 401) {
            return new Unauthorized(ProviderDetail.of(PROVIDER, "UNAUTHORIZED").withStatus(code).withDescription(
                    "the bot token was refused").withRemedy("check the token with @BotFather (it may have been revoked)"));
        }
        if (code == 409) {
            return new Unavailable(ProviderDetail.of(PROVIDER, "CONFLICT").withStatus(code).withDescription(description)
                    .withRemedy("one reader of a bot's updates at a time: delete the webhook, or stop the other poller"));
        }
        for (Row row : ROWS) {
            if (row.matches().apply(text)) {
                return row.outcome().apply(ProviderDetail.of(PROVIDER, row.code()).withStatus(code).withDescription(description));
            }
        }
        if (code >= 500) {
            return lost(base, effect);
        }
        if (MTPROTO_NAME.matcher(text).matches()) {
            return new Unrecognized(ProviderDetail.of(PROVIDER, text).withStatus(code).withDescription(description));
        }
        return new Unrecognized(base);
    }

    private static Outcome lost(ProviderDetail d, Effect effect) {
        return effect == Effect.CHANGES ? new Indeterminate(d) : new Unavailable(d);
    }

    private static Read failed(Outcome o) {
        return new Read(null, o);
    }

    /**
     * An outcome as the operation's result type: one that does not fit (an {@link AlreadyMember}
     * where an invite link was asked for, an {@link Indeterminate} of a read) becomes
     * {@link Unrecognized} or {@link Unavailable} with the same detail.
     *
     * @param o the outcome
     * @param type the result type
     * @param <R> the result type
     * @return the outcome, typed
     */
    public static <R> R as(Outcome o, Class<R> type) {
        if (type.isInstance(o)) {
            return type.cast(o);
        }
        Failure f = o instanceof Indeterminate i ? new Unavailable(i.detail()) : new Unrecognized(o.detail());
        return type.cast(f);
    }

    /**
     * Parses JSON, or null for anything that is not.
     *
     * @param body bytes
     * @return the tree, or null
     */
    public static @Nullable JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The description's text, lower-cased, for comparisons.
     *
     * @param o an outcome
     * @return its description
     */
    static String describe(Outcome o) {
        return o.detail().description().toLowerCase(Locale.ROOT);
    }
}
