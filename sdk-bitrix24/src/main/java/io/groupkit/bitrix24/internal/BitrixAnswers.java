package io.groupkit.bitrix24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupkit.core.AccessDenied;
import io.groupkit.core.AccessDeniedExtend;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.Outcome;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.QuotaExceeded;
import io.groupkit.core.RateLimited;
import io.groupkit.core.Redaction;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.Unsupported;
import io.groupkit.core.spi.Effect;
import io.groupkit.http.internal.BodyText;
import io.groupkit.http.internal.Reply;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * Reads Bitrix24's answers: {@code {"result": …}} to go on with, or {@code {"error": CODE,
 * "error_description": …}} (codes compared case-insensitively), HTTP failures and transport
 * faults as typed outcomes.
 */
public final class BitrixAnswers {
    /** The provider's name in outcomes. */
    public static final String PROVIDER = "bitrix24";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The name of the per-portal request budget. */
    public static final String PORTAL_LIMIT = "portal";

    /** What to do when Bitrix24 refuses a change of a chat's people as {@code WRONG_REQUEST}. */
    static final String RIGHTS_REMEDY =
            "Make the calling user or bot the chat's owner or a manager, or add people from inside the chat.";

    private final java.util.function.Supplier<String[]> secrets;

    /**
     * Answers read for one portal.
     *
     * @param secrets what must never appear in a description (webhook code, client secret, the
     *     tokens in use now and before)
     */
    public BitrixAnswers(java.util.function.Supplier<String[]> secrets) {
        this.secrets = secrets;
    }

    /** An answer: JSON with a {@code result}, or a Bitrix24 error code, or a failure. */
    public sealed interface Read {
    }

    /**
     * HTTP 200 with {@code result}.
     *
     * @param json the whole body
     */
    public record Result(JsonNode json) implements Read {
        /**
         * The {@code result} field.
         *
         * @return the result
         */
        public JsonNode result() {
            return json.path("result");
        }
    }

    /**
     * A Bitrix24 error code, for the provider to map in the context of its method.
     *
     * @param code the code, upper case
     * @param detail the detail
     */
    public record Error(String code, ProviderDetail detail) implements Read {
    }

    /**
     * A failure that is not a Bitrix24 code (transport, HTTP without a body, not JSON).
     *
     * @param outcome the outcome
     */
    public record Failed(Outcome outcome) implements Read {
    }

    /**
     * Reads a reply.
     *
     * @param method the method, for descriptions
     * @param reply the reply
     * @param effect whether the call may change something (a lost answer is then indeterminate)
     * @return the read
     */
    public Read read(String method, Reply reply, Effect effect) {
        if (reply instanceof Reply.NotSent n) {
            return new Failed(n.outcome(detail(n.failure().name(), n.problem())));
        }
        if (reply instanceof Reply.Lost lost) {
            ProviderDetail d = detail("NO_ANSWER", method + ": " + lost.problem());
            return new Failed(effect.mayChange() ? new Indeterminate(d) : new Unavailable(d));
        }
        Reply.Answer a = (Reply.Answer) reply;
        JsonNode json = parse(a.body());
        if (json != null && json.isObject() && json.path("error").isTextual()) {
            String code = json.path("error").asText().toUpperCase(Locale.ROOT);
            return new Error(code, detail(json.path("error").asText(), json.path("error_description").asText(""))
                    .withStatus(a.status()));
        }
        if (a.status() == 200 && json != null && json.isObject() && json.has("result")) {
            return new Result(json);
        }
        ProviderDetail d = detail(json == null ? "UNREADABLE_ANSWER" : "UNEXPECTED_ANSWER",
                "HTTP " + a.status() + ": " + text(a.body())).withStatus(a.status());
        if (a.status() == 200 || a.status() >= 500) {
            return new Failed(effect.mayChange() ? new Indeterminate(d) : new Unavailable(d));
        }
        return new Failed(new Unrecognized(d));
    }

    /**
     * One command's answer out of a {@code batch} answer: its error in {@code result_error}, its
     * result in {@code result}, or a failure when the batch answer has nothing for it.
     *
     * @param batch the batch answer, whose {@code result} is an object
     * @param key the command's key in the batch
     * @return the command's read
     */
    public Read command(Result batch, String key) {
        JsonNode results = batch.result().path("result");
        JsonNode errors = batch.result().path("result_error");
        if (errors.path(key).isObject()) {
            JsonNode e = errors.path(key);
            return new Error(e.path("error").asText("").toUpperCase(Locale.ROOT),
                    detail(e.path("error").asText(""), e.path("error_description").asText("")).withStatus(200));
        }
        if (results.has(key)) {
            return new Result(JSON.createObjectNode().set("result", results.path(key)));
        }
        return new Failed(new Indeterminate(detail("NO_COMMAND_RESULT", "the batch answer has nothing for this person")));
    }

    /**
     * The outcome of an error code that means the same for every method.
     *
     * @param method the method
     * @param e the error
     * @param effect whether the call may change something
     * @param resetIn how long until the method's time budget recovers, when known
     * @return the outcome
     */
    public Outcome common(String method, Error e, Effect effect, Optional<Duration> resetIn) {
        ProviderDetail d = e.detail();
        return switch (e.code()) {
            case "EXPIRED_TOKEN", "INVALID_TOKEN", "NO_AUTH_FOUND" -> new Unauthorized(d.withRemedy(
                    "Bitrix24 refused the credentials: check the webhook URL, or re-authorize the app if its tokens"
                            + " were revoked."));
            case "INVALID_GRANT" -> new Unauthorized(d.withRemedy(
                    "The app's refresh token is no longer valid: re-authorize the app (install or open it again)."));
            case "INVALID_REQUEST" -> new Unrecognized(d.withRemedy(
                    "Bitrix24 refused the request as malformed (REST needs https): report it with the description."));
            case "INVALID_CLIENT" -> new Unauthorized(d.withRemedy(
                    "The OAuth server refused the app's client id or secret: check them in the app's settings."));
            case "INVALID_CREDENTIALS" -> new Unauthorized(d.withRemedy(
                    "The webhook's user or code is wrong, or the user lost the rights the webhook needs: create the"
                            + " webhook again."));
            case "METHOD_CONFIRM_WAITING" -> new AccessDenied(d.withRemedy(
                    "A portal admin must confirm the app's access to " + method + " first."));
            case "INSUFFICIENT_SCOPE" -> new AccessDenied(d.withRemedy(
                    "The webhook or app lacks the scope for " + method + " (im, imopenlines, crm): add it and reinstall."));
            case "ACCESS_DENIED", "USER_ACCESS_ERROR", "ACCESS_ERROR", "ACCESS_DENIED_KICK",
                    "CHAT_DELETE_USER_PERMISSION_DENIED" -> new AccessDenied(d.withRemedy(
                    "The calling user or bot lacks the right for this in the chat or CRM item (or REST is off on"
                            + " this plan): grant it, or act from an account that has it."));
            case "ACCESS_DENIED_EXTEND" -> new AccessDeniedExtend(d);
            case "QUERY_LIMIT_EXCEEDED" -> new RateLimited(d, Optional.of(Duration.ofSeconds(1)), Optional.of(PORTAL_LIMIT));
            case "OVERLOAD_LIMIT" -> new QuotaExceeded(d.withRemedy(
                    "Bitrix24 blocked REST calls from this app or address for overload: stop, and ask Bitrix24"
                            + " support to lift the block. Do not retry."));
            case "OPERATION_TIME_LIMIT" -> new RateLimited(d, Optional.of(resetIn.orElse(Duration.ofMinutes(1))),
                    Optional.of(operatingLimitName(method)));
            case "CHAT_NOT_IN_CRM", "CHAT_ID_EMPTY", "CRM_CHAT_EMPTY_CRM_DATA" -> new NotFound(d.withRemedy(
                    "No such chat (or none for this CRM item): check the chat id or the CRM item."), NotFound.Subject.GROUP);
            case "PORTAL_DELETED" -> new NotFound(d.withRemedy("The Bitrix24 portal was deleted."), NotFound.Subject.GROUP);
            case "USER_ID_EMPTY", "CRM_CHAT_EMPTY_USER", "USER_NOT_FOUND" -> new NotFound(d, NotFound.Subject.MEMBER);
            case "CRM_CHAT_USER_NOT_ACTIVE" -> new NotRegistered(d.withRemedy(
                    "The Bitrix24 user is not active (dismissed or not yet confirmed): activate them first."));
            case "IM_NOT_INSTALLED", "ERROR_METHOD_NOT_FOUND", "ERROR_MANIFEST_IS_NOT_AVAILABLE" -> new Unsupported(d.withRemedy(
                    "The portal does not offer " + method + " (module not installed, or not on this plan)."));
            case "INTERNAL_SERVER_ERROR", "ERROR_UNEXPECTED_ANSWER" -> effect.mayChange() ? new Indeterminate(d) : new Unavailable(d);
            case "TEMPORARILY_UNAVAILABLE" -> new Unavailable(d);
            default -> new Unrecognized(d);
        };
    }

    /**
     * A read that is not the method's result, as an outcome of the method's type: the failure it
     * carries, or what its error code means for every method. An outcome the type cannot hold is
     * {@link AccessDenied} when it is {@link AccessDeniedExtend}, else {@link Unrecognized}.
     *
     * @param type the method's outcome type
     * @param read the read
     * @param method the method
     * @param effect whether the call may change something
     * @param <R> the method's outcome type
     * @return the outcome
     */
    public <R> R outcome(Class<R> type, Read read, String method, Effect effect) {
        Outcome o = read instanceof Failed f ? f.outcome()
                : read instanceof Error e ? common(method, e, effect, Optional.empty())
                : new Unrecognized(detail("UNEXPECTED_ANSWER", ""));
        if (type.isInstance(o)) {
            return type.cast(o);
        }
        ProviderDetail d = o.detail();
        return type.cast(o instanceof AccessDeniedExtend ? new AccessDenied(d) : new Unrecognized(d));
    }

    /**
     * A {@code result} the method does not answer with.
     *
     * @param result the result
     * @return {@link Unrecognized}, HTTP 200
     */
    public Unrecognized unexpectedResult(JsonNode result) {
        return new Unrecognized(detail("UNEXPECTED_RESULT", String.valueOf(result)).withStatus(200));
    }

    /**
     * A CRM item that has no open-line chat ({@code result} 0).
     *
     * @return {@link NotFound} of the group
     */
    public NotFound noOpenLineChat() {
        return new NotFound(detail("result:0", "the CRM item has no open-line chat"), NotFound.Subject.GROUP);
    }

    /**
     * An id as Bitrix24 writes it: a JSON number or, as often, a numeric string ({@code "CHAT_ID":
     * "9852"}).
     *
     * @param node the value
     * @return the id, or empty when the value is neither
     */
    public static OptionalLong id(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return OptionalLong.of(node.asLong());
        }
        if (node.isTextual()) {
            String text = node.asText().strip();
            if (!text.isEmpty() && text.length() <= 18 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return OptionalLong.of(Long.parseLong(text));
            }
        }
        return OptionalLong.empty();
    }

    /**
     * A positive id, as {@link #id} reads it.
     *
     * @param node the value
     * @return the id, or empty when the value is not a positive id
     */
    public static OptionalLong positiveId(JsonNode node) {
        OptionalLong id = id(node);
        return id.isPresent() && id.getAsLong() > 0 ? id : OptionalLong.empty();
    }

    /**
     * A number that Bitrix24 may write as a JSON number or a numeric string (time budgets).
     *
     * @param node the value
     * @return the number, or empty
     */
    public static OptionalDouble number(JsonNode node) {
        if (node.isNumber()) {
            return OptionalDouble.of(node.asDouble());
        }
        if (node.isTextual()) {
            try {
                double d = Double.parseDouble(node.asText().strip());
                return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
            } catch (NumberFormatException notNumeric) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }

    /**
     * The name of a method's time-budget limit.
     *
     * @param method the method
     * @return {@code operating:method}
     */
    public static String operatingLimitName(String method) {
        return "operating:" + method;
    }

    /**
     * A detail of this provider, secrets removed.
     *
     * @param code the code
     * @param description the description
     * @return the detail
     */
    public ProviderDetail detail(String code, String description) {
        return ProviderDetail.of(PROVIDER, Redaction.removeSecrets(code, secrets.get()))
                .withDescription(Redaction.removeSecrets(description, secrets.get()));
    }

    private String text(byte[] body) {
        return Redaction.removeSecrets(BodyText.printable(body, 300), secrets.get());
    }

    static @Nullable JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
