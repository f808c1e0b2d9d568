package io.groupkit.greenapi.internal;

import io.groupkit.http.internal.BodyText;
import io.groupkit.http.internal.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.core.AccessDenied;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.Outcome;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.QuotaExceeded;
import io.groupkit.core.RateLimited;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unavailable;
import io.groupkit.core.SpamLimited;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.Unsupported;
import io.groupkit.core.spi.Effect;
import org.jspecify.annotations.Nullable;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads Green-API's answers: a JSON body to go on with, or the outcome of one of the failures that
 * every method shares (documented 4xx texts, 401/403, 429, 466, 5xx, transport faults, bodies
 * that are not JSON).
 */
public final class GreenApiAnswers {
    /** The provider's name in outcomes. */
    public static final String PROVIDER = "green-api";

    /**
     * Whether a request names a group: Green-API then answers a wrong or unknown group id with
     * {@code item-not-found} or "bad request data", which mean there is no such group.
     */
    public enum Names {
        /** The request carries a group id. */
        A_GROUP,
        /** The request carries no group id: those answers mean nothing about a group. */
        NO_GROUP
    }

    /** An answer to go on with, or a failure outcome. */
    public sealed interface Read {
    }

    /**
     * HTTP 200 with a JSON body.
     *
     * @param json the body
     * @param body the body's bytes
     * @param answers the reader that can describe them
     */
    public record Json(JsonNode json, byte[] body, GreenApiAnswers answers) implements Read {
        /**
         * The body's text, redacted and clipped, for descriptions: made only when one is needed.
         *
         * @return the text
         */
        public String raw() {
            return answers.text(body);
        }
    }

    /**
     * A failure; {@link #outcome()} implements every result type the call can have.
     *
     * @param outcome the outcome
     */
    public record Failed(Outcome outcome) implements Read {
        /**
         * The outcome as the result type the caller needs.
         *
         * @param type the result type
         * @param <R> the result type
         * @return the outcome, or {@link Unrecognized} if it is not of that type (never expected)
         */
        public <R> R as(Class<R> type) {
            if (type.isInstance(outcome)) {
                return type.cast(outcome);
            }
            return type.cast(new Unrecognized(outcome.detail()));
        }
    }

    private final Transport transport;
    private final ProductRules rules;

    /**
     * Answers read for one instance of WhatsApp.
     *
     * @param transport for redacting the token out of bodies
     */
    public GreenApiAnswers(Transport transport) {
        this(transport, ProductRules.of(io.groupkit.greenapi.GreenApiProduct.WHATSAPP));
    }

    /**
     * Answers read for one instance of a product.
     *
     * @param transport for redacting the token out of bodies
     * @param rules the product's rules, for the remedies
     */
    public GreenApiAnswers(Transport transport, ProductRules rules) {
        this.transport = transport;
        this.rules = rules;
    }

    /**
     * The product's rules.
     *
     * @return the rules
     */
    public ProductRules rules() {
        return rules;
    }

    /**
     * Reads a reply.
     *
     * @param method the method called
     * @param reply the reply
     * @param effect whether a lost or failed answer may hide a change: a call that is
     *     {@link Effect#SAFE_TO_REPEAT} then failed {@link Unavailable}, one that may change something
     *     {@link Indeterminate}; one that {@link Effect#CREATES} is never retried, even after a bad gateway
     * @param names whether the request names a group
     * @return the JSON to go on with, or the failure
     */
    public Read read(String method, Reply reply, Effect effect, Names names) {
        if (reply instanceof Reply.NotSent notSent) {
            return failed(notSent.outcome(detail(notSent.failure().name(), notSent.problem())));
        }
        if (reply instanceof Reply.Lost lost) {
            return failed(!effect.mayChange() ? new Unavailable(detail("NO_ANSWER", lost.problem()))
                    : new Indeterminate(detail("NO_ANSWER", method + ": " + lost.problem())));
        }
        Reply.Answer answer = (Reply.Answer) reply;
        int status = answer.status();
        if (status == 200) {
            JsonNode json = parse(answer.body());
            if (json != null && !json.isTextual()) {
                return new Json(json, answer.body(), this);
            }
            String text = text(answer.body());
            if (names == Names.A_GROUP && text.toLowerCase(Locale.ROOT).contains("item-not-found")) {
                // Green-API's answer (a JSON string) for a group that does not exist or that the instance is not in.
                return failed(new NotFound(detail("item-not-found", text).withStatus(200).withRemedy("No such group, or"
                        + " the instance's account is not in it: use an id from createGroup or from the instance's chat"
                        + " list" + groupShape() + ", and check that the account is still a member; and that the client is"
                        + " built for the instance's product (this one: " + rules.label() + "; the Green-API console shows"
                        + " the instance's)."), NotFound.Subject.GROUP));
            }
            if (json == null) {
                ProviderDetail d = detail("UNREADABLE_ANSWER", "HTTP 200 with a body that is not JSON: " + text).withStatus(200);
                return failed(!effect.mayChange() ? new Unavailable(d) : new Indeterminate(d));
            }
            return new Json(json, answer.body(), this);
        }
        String text = text(answer.body());
        String message = message(answer.body(), text);
        String lower = message.toLowerCase(Locale.ROOT);
        ProviderDetail d = detail(code(status, message), message).withStatus(status);
        return failed(switch (status) {
            // Telegram answers an id it cannot add with 400 and addParticipant: false
            // (https://green-api.com/en/telegram/docs/api/groups/AddGroupParticipant).
            case 400 -> refusedParticipant(answer.body()) ? new NotFound(d.withRemedy("Green-API did not accept the"
                    + " person's id: use the id checkAccount or a listing gives (" + rules.label() + " ids are numbers),"
                    + " or give a phone or username to look up."), NotFound.Subject.MEMBER)
                    : fromBadRequest(lower, d, names);
            case 401 -> new Unauthorized(d.withRemedy("The apiTokenInstance is wrong: copy it again from the Green-API console."));
            // MAX answers a suspended account's messages to people outside its contacts with 403
            // (https://green-api.com/v3/docs/api/account/GetStateInstance).
            case 403 -> lower.contains("suspended") ? new SpamLimited(d.withRemedy(rules.restrictedRemedy(
                    io.groupkit.core.AccountState.SPAM_SUSPENDED)))
                    : new Unauthorized(d.withRemedy("The idInstance is wrong or the instance was deleted: check it in the Green-API console."));
            // Instagram's browser-session instances lack some methods
            // (https://green-api.com/en/instagram/docs/faq/web-session-limits).
            case 422 -> new Unsupported(d.withRemedy("This " + rules.label() + " instance cannot do " + method + " (an"
                    + " instance logged in through a browser session lacks some methods): log it in with a login and password."));
            case 429 -> answer.retryAfter().isPresent() ? new RateLimited(d, answer.retryAfter().get()) : new RateLimited(d);
            case 466 -> new QuotaExceeded(quota(answer.body(), d));
            case 502, 503 -> effect == Effect.CREATES ? uncertain(d, method) : new Unavailable(d);
            default -> status >= 500 || status == 499
                    ? (!effect.mayChange() ? new Unavailable(d) : uncertain(d, method))
                    : new Unrecognized(d);
        });
    }

    private static boolean refusedParticipant(byte[] body) {
        JsonNode json = parse(body);
        return json != null && json.isObject() && json.path("addParticipant").isBoolean()
                && !json.path("addParticipant").asBoolean();
    }

    private Outcome fromBadRequest(String lower, ProviderDetail d, Names names) {
        if (lower.contains("starting process")) {
            return new Unavailable(d.withRemedy("The instance is starting (this can take up to 5 minutes): try again later."));
        }
        if (lower.contains("not authorized")) {
            return new Unauthorized(d.withRemedy(rules.product() == io.groupkit.greenapi.GreenApiProduct.WHATSAPP
                    ? "The instance's WhatsApp account is logged out: scan the QR code in the Green-API console with the"
                    + " phone again." : rules.loginRemedy("notAuthorized")));
        }
        if (lower.contains("session is no longer valid") || lower.contains("session expired")) {
            // Instagram's lost browser session (https://green-api.com/en/instagram/docs/api/common-errors).
            return new Unauthorized(d.withRemedy(rules.loginRemedy("notAuthorized")));
        }
        if (lower.contains("bad phone number")) {
            return new NotRegistered(d.withRemedy("The number is not a valid " + rules.label() + " number (11 or 12"
                    + " digits with the country code): check it."));
        }
        if (lower.contains("timeout limit exceeded")) {
            return new RateLimited(d);
        }
        if (lower.contains("file is empty") || lower.contains("unsupported media type")) {
            return new Unrecognized(d.withRemedy("Green-API did not accept the picture: send a non-empty JPEG file."));
        }
        if (lower.contains("bad request data") && names == Names.A_GROUP) {
            return new NotFound(d.withRemedy("Green-API did not accept the group id: use an id from createGroup or a"
                    + " chat listing" + groupShape() + "; never build one yourself."), NotFound.Subject.GROUP);
        }
        return new Unrecognized(d);
    }

    private String groupShape() {
        return switch (rules.product()) {
            case WHATSAPP -> " (…@g.us)";
            case MAX, TELEGRAM -> " (a negative number)";
            case INSTAGRAM -> " (a number of up to 39 digits)";
        };
    }

    private static Outcome uncertain(ProviderDetail d, String method) {
        return new Indeterminate(d.withRemedy("Green-API failed after receiving " + method + ", which may have taken"
                + " effect: check before trying again" + ("createGroup".equals(method)
                ? " (list the instance's chats: the group may exist already)." : ".")));
    }

    private static ProviderDetail quota(byte[] body, ProviderDetail d) {
        JsonNode json = parse(body);
        if (json == null || !json.isObject()) {
            return d;
        }
        StringBuilder b = new StringBuilder();
        for (String part : new String[] {"invokeStatus", "correspondentsStatus"}) {
            JsonNode s = json.path(part);
            if (s.isObject()) {
                if (b.length() > 0) {
                    b.append("; ");
                }
                b.append(s.path("status").asText("?")).append(": ").append(s.path("description").asText(""));
                if (s.has("used") || s.has("total")) {
                    b.append(" (").append(s.path("used").asText("?")).append(" of ").append(s.path("total").asText("?"))
                            .append(s.has("method") ? " for " + s.path("method").asText() : "").append(')');
                }
            }
        }
        String code = json.path("invokeStatus").path("status").asText(
                json.path("correspondentsStatus").path("status").asText(d.code()));
        return new ProviderDetail(d.provider(), code, d.status(), b.length() > 0 ? b.toString() : d.description(),
                Optional.of("The Green-API plan's quota is spent: upgrade the plan or wait for the next period."));
    }

    private static String code(int status, String message) {
        String m = message.strip();
        return m.isEmpty() || m.length() > 60 || m.contains("<") ? "HTTP_" + status : m;
    }

    /** The server's message: a JSON error field, or the text itself. */
    private static String message(byte[] body, String text) {
        JsonNode json = parse(body);
        if (json != null && json.isObject()) {
            for (String field : new String[] {"message", "description", "error"}) {
                if (json.path(field).isTextual()) {
                    return json.path(field).asText();
                }
            }
        }
        return text;
    }

    /**
     * A body as printable text, token removed, clipped: for descriptions only.
     *
     * @param body the bytes
     * @return the text
     */
    public String text(byte[] body) {
        return transport.redact(BodyText.printable(body, 400));
    }

    /**
     * Parses JSON leniently: null for anything that is not a complete JSON value.
     *
     * @param body the bytes
     * @return the tree, or null
     */
    public static @Nullable JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            JsonNode node = Transport.JSON.readTree(body);
            return node == null || node.isMissingNode() ? null : node;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * A detail of this provider.
     *
     * @param code the code
     * @param description the description; the token is removed
     * @return the detail
     */
    public ProviderDetail detail(String code, String description) {
        return ProviderDetail.of(PROVIDER, transport.redact(code)).withDescription(transport.redact(description));
    }

    private static Failed failed(Outcome o) {
        return new Failed(o);
    }

    /**
     * The outcome for a group the account cannot see as an admin.
     *
     * @param d the detail
     * @return the outcome
     */
    public static AccessDenied notAdmin(ProviderDetail d) {
        return new AccessDenied(d.withRemedy("The instance's number is not an admin of the group: make it an admin"
                + " in WhatsApp, or send people the invite link from an admin's phone."));
    }

    /**
     * The outcome for a group that does not list the instance's account.
     *
     * @param d the detail
     * @return the outcome
     */
    public AccessDenied notInGroup(ProviderDetail d) {
        return new AccessDenied(d.withRemedy("The instance's " + rules.label() + " account is not in the group: add it"
                + " to the group as an admin, or use a group it is in."));
    }

    /**
     * The outcome for a group the instance's account is not an admin of, in the product's words.
     *
     * @param d the detail
     * @return the outcome
     */
    public AccessDenied notAdminHere(ProviderDetail d) {
        if (rules.product() == io.groupkit.greenapi.GreenApiProduct.WHATSAPP) {
            return notAdmin(d);
        }
        return new AccessDenied(d.withRemedy("The instance's " + rules.label() + " account is not an admin of the group:"
                + " make it an admin in " + rules.label() + ", or send people the group's invite link."));
    }
}
