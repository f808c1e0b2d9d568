package io.groupkit.greenapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.core.AccountState;
import io.groupkit.core.AddResult;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.NotAdded;
import io.groupkit.core.Redaction;
import io.groupkit.greenapi.GreenApiProduct;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What one Green-API product does differently, in one place: what its groups and people are
 * called and how they look, the account check, the answer to adding a member, its instance states,
 * its documented rates and the methods it lacks. The adapter's classes ask these rules instead of
 * testing the product. Facts: Green-API's product documents, summarised with their URLs in the
 * README's per-product table.
 */
public abstract class ProductRules {
    /** A documented rate, or the safe reading of one that is not documented. */
    public record Rate(int perSecond, boolean documented) {
    }

    /**
     * MAX's and Instagram's documented rates, the same rows in both tables: 1 add and 10 group-data
     * reads per second, WhatsApp's the other way round (https://green-api.com/v3/docs/api/ratelimiter/,
     * https://green-api.com/en/instagram/docs/api/ratelimiter).
     */
    static final Map<String, Rate> SLOW_ADDS_FAST_READS = Map.ofEntries(
            Map.entry("addGroupParticipant", new Rate(1, true)),
            Map.entry("removeGroupParticipant", new Rate(1, true)),
            Map.entry("getGroupData", new Rate(10, true)),
            Map.entry("updateGroupName", new Rate(1, true)),
            Map.entry("updateGroupSettings", new Rate(1, true)),
            Map.entry("createGroup", new Rate(1, true)),
            Map.entry("getStateInstance", new Rate(1, true)),
            Map.entry("getAccountSettings", new Rate(1, true)),
            Map.entry("sendMessage", new Rate(50, true)));

    private final GreenApiProduct product;
    private final String groupField;
    private final Map<String, Rate> rates;

    ProductRules(GreenApiProduct product, String groupField, Map<String, Rate> rates) {
        this.product = product;
        this.groupField = groupField;
        this.rates = Map.copyOf(rates);
    }

    /**
     * The rules of a product.
     *
     * @param product the product
     * @return its rules
     */
    public static ProductRules of(GreenApiProduct product) {
        return switch (product) {
            case WHATSAPP -> new WhatsAppRules();
            case MAX -> new MaxRules();
            case TELEGRAM -> new TelegramRules();
            case INSTAGRAM -> new InstagramRules();
        };
    }

    /**
     * The product.
     *
     * @return the product
     */
    public GreenApiProduct product() {
        return product;
    }

    /**
     * The messenger's name for messages.
     *
     * @return such as {@code MAX}
     */
    public String label() {
        return product.displayName();
    }

    /**
     * The path segment before {@code waInstance…} unless the builder sets another.
     *
     * @return {@code /v3} for MAX, empty otherwise
     */
    public String defaultPathPrefix() {
        return "";
    }

    /**
     * The body field naming the group: {@code groupId} on WhatsApp, {@code chatId} elsewhere.
     *
     * @return the field
     */
    public String groupField() {
        return groupField;
    }

    /**
     * A request body naming a group, with more fields after it.
     *
     * @param group the group
     * @param more field, value, field, value…
     * @return the body, in order
     */
    public Map<String, Object> groupBody(GroupRef group, Object... more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(groupField, group.key());
        for (int i = 0; i + 1 < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    /**
     * A method's documented rate per second per instance, or the safe reading where none is
     * documented (the slowest any product documents for it).
     *
     * @param method the method
     * @return the rate
     */
    public Rate rate(String method) {
        Rate r = rates.get(method);
        return r != null ? r : new Rate(1, false);
    }

    // ---- identifiers ----

    /**
     * The kinds of member the product takes.
     *
     * @return the kinds
     */
    public abstract Set<MemberKind> memberKinds();

    /**
     * Checks that a group is named the product's way, before anything is sent.
     *
     * @param group the group
     * @throws IllegalArgumentException naming the expected shape
     */
    public abstract void checkGroup(GroupRef group);

    /**
     * Checks that a member can be named to the product, before anything is sent.
     *
     * @param member the member, of one of {@link #memberKinds()}
     * @throws IllegalArgumentException naming the expected shape
     */
    public abstract void checkPerson(Member member);

    /**
     * The id the group methods take for a member, when it needs no look-up.
     *
     * @param member a checked member
     * @return the id, or empty when {@code checkAccount} must find it (a Telegram phone or
     *     username, a MAX phone)
     */
    public abstract Optional<String> directId(Member member);

    /**
     * The key a listed or looked-up id is matched by ({@code user:…}, {@code phone:…}).
     *
     * @param id an id as the product's answers give it
     * @return the key
     */
    public abstract String key(String id);

    /**
     * The id of a listed participant, when the entry is one the product's listings give.
     *
     * @param participant an element of {@code participants}
     * @return the id, or empty when the entry cannot be read (the listing is then not trusted)
     */
    public abstract Optional<String> participantId(JsonNode participant);

    /**
     * The member a listing names.
     *
     * @param id a participant's id
     * @return the member
     */
    public abstract Member listed(String id);

    /**
     * The group a chat listing's entry names, when it is a group.
     *
     * @param chat an element of {@code getChats}
     * @return the group's id, or empty for a person, a channel or an unreadable entry
     */
    public abstract Optional<String> groupOfChat(JsonNode chat);

    // ---- the account check ----

    /**
     * The method that tells whether a person has an account.
     *
     * @return {@code checkWhatsapp} or {@code checkAccount}
     */
    public String accountCheckMethod() {
        return "checkAccount";
    }

    /**
     * The method that names the instance's own account, for its admin rights in a group.
     *
     * @return {@code getSettings} (its {@code wid}) on WhatsApp, {@code getAccountSettings} (its
     *     {@code chatId}) elsewhere: MAX's {@code wid} is phone-shaped while its listings name people
     *     by number (https://green-api.com/v3/docs/api/account/GetAccountSettings)
     */
    public String ownIdMethod() {
        return "getAccountSettings";
    }

    /**
     * The instance's own id in the answer of {@link #ownIdMethod()}, as the listings name it.
     *
     * @param answer the answer
     * @return the id, or empty when the answer does not give it
     */
    public Optional<String> ownId(JsonNode answer) {
        return textual(answer, "chatId");
    }

    /**
     * The account check's body for a member, when the product can check that kind.
     *
     * @param member a checked member
     * @return the body, or empty
     */
    public abstract Optional<Map<String, Object>> accountCheckBody(Member member);

    /**
     * The answer's field that says whether the account exists.
     *
     * @return {@code existsWhatsapp} or {@code exist}
     */
    public String accountExistsField() {
        return "exist";
    }

    // ---- answers ----

    /**
     * Whether {@code addParticipant: true} may also mean "already a member": Instagram answers so
     * and adds nobody again.
     *
     * @return true on Instagram
     */
    public boolean trueMayMeanAlreadyMember() {
        return false;
    }

    /**
     * How many people besides the instance a new group needs.
     *
     * @return 2 on Instagram (https://green-api.com/en/instagram/docs/api/groups/CreateGroup), 1 elsewhere
     */
    public int minNewGroupMembers() {
        return 1;
    }

    /**
     * Whether the product has a method.
     *
     * @param method such as {@code setGroupPicture}
     * @return false where the product's documents list no such method
     */
    public boolean has(String method) {
        return true;
    }

    /**
     * An instance state as the product names it.
     *
     * @param name {@code stateInstance}
     * @return the state
     */
    public AccountState state(String name) {
        return switch (name) {
            case "authorized" -> AccountState.AUTHORIZED;
            case "notAuthorized", "pendingPassword" -> AccountState.NOT_AUTHORIZED;
            case "blocked" -> AccountState.BANNED;
            case "suspended" -> AccountState.SPAM_SUSPENDED;
            case "starting" -> AccountState.STARTING;
            default -> AccountState.UNKNOWN;
        };
    }

    /**
     * What to do about a logged-out instance.
     *
     * @param stateName the state's name
     * @return the remedy
     */
    public abstract String loginRemedy(String stateName);

    /**
     * What to do about an instance that is starting.
     *
     * @return the remedy
     */
    public String startingRemedy() {
        return "The instance is not ready (starting): wait a few minutes.";
    }

    /**
     * What to do about a restricted or blocked account.
     *
     * @param state {@link AccountState#SPAM_SUSPENDED} or {@link AccountState#BANNED}
     * @return the remedy
     */
    public String restrictedRemedy(AccountState state) {
        return state == AccountState.BANNED
                ? label() + " has blocked this account: stop all mass actions; see the Green-API console."
                : label() + " has suspended this account for a while: stop adding people until the restriction ends.";
    }

    /**
     * Whether a link is one of the product's invite links.
     *
     * @param url a {@code groupInviteLink}
     * @return true if it looks like one (any https link where the product documents no example)
     */
    public abstract boolean isInviteLink(String url);

    /**
     * The outcome a refused add's {@code reason} text names beyond doubt, where the product's
     * answers carry one.
     *
     * @param reason the answer's {@code reason}
     * @param detail the detail to give the outcome
     * @return the outcome, or empty when the text is not one this product's rules know
     */
    public Optional<AddResult> outcomeOfReason(String reason, ProviderDetail detail) {
        return Optional.empty();
    }

    /**
     * The reasons a bare {@code false} to an add may have that no check tells apart.
     *
     * @return the reasons
     */
    public List<NotAdded.Reason> untoldReasons() {
        return List.of(NotAdded.Reason.PRIVACY, NotAdded.Reason.RESTRICTED_BY_PROVIDER, NotAdded.Reason.GROUP_SETTINGS);
    }

    /**
     * The default text sent before an invite link.
     *
     * @return the text
     */
    public String inviteMessage() {
        return "You are invited to join our " + label() + " group:";
    }

    // ---- helpers for the products ----

    static boolean digits(String s, int min, int max) {
        return s.length() >= min && s.length() <= max && s.chars().allMatch(c -> c >= '0' && c <= '9') && s.charAt(0) != '0';
    }

    static IllegalArgumentException refused(String expected, String got) {
        return new IllegalArgumentException("expected " + expected + ", got '" + Redaction.maskDigitRuns(got) + "'");
    }

    static Optional<String> textual(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode v = node.path(f);
            if (v.isTextual() && !v.asText().isBlank()) {
                return Optional.of(v.asText());
            }
            if (v.isIntegralNumber()) {
                return Optional.of(v.bigIntegerValue().toString());
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "ProductRules[" + product + "]";
    }
}
