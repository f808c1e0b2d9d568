package io.groupkit.greenapi.internal;

import static java.util.concurrent.CompletableFuture.completedStage;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.core.AccountState;
import io.groupkit.core.AccountStatus;
import io.groupkit.core.ActionResult;
import io.groupkit.core.Done;
import io.groupkit.core.Member;
import io.groupkit.core.MemberRole;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.internal.AsyncCache;
import io.groupkit.core.internal.SingleFlight;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Effect;
import io.groupkit.core.time.TimeSource;
import io.groupkit.greenapi.GreenApiProduct;
import io.groupkit.greenapi.internal.GreenApiAnswers.Failed;
import io.groupkit.greenapi.internal.GreenApiAnswers.Json;
import io.groupkit.greenapi.internal.GreenApiAnswers.Names;
import io.groupkit.greenapi.internal.GreenApiAnswers.Read;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What the pre-checks, the diagnosis and the client ask about the instance and about a number,
 * each read once and cached: the instance's state ({@code getStateInstance}), its own id for its
 * admin rights, and whether a person has an account of the product ({@code checkWhatsapp} or
 * {@code checkAccount}, whose {@code chatId} is the id a Telegram or MAX phone is added by).
 */
public final class InstanceChecks {
    private enum Heard {
        FROM_CACHE, FROM_CHECK
    }

    private final Transport transport;
    private final GreenApiAnswers answers;
    private final Limits limits;
    private final AsyncCache<String, AccountStatus> state;
    private final ProductRules rules;
    private final AsyncCache<String, Account> accounts;
    private final AsyncCache<String, String> ownId;
    // a cold client's concurrent callers share one getStateInstance / checkWhatsapp, whatever it answers
    private final SingleFlight<String, ActionResult> stateReads = new SingleFlight<>();
    private final SingleFlight<String, ActionResult> checks = new SingleFlight<>();

    /**
     * The checks of one instance.
     *
     * @param transport the instance's transport
     * @param answers its answer reader
     * @param rules the product's rules
     * @param limits the pacing
     * @param time the clock for expiry
     * @param checkTtl how long a person's account check is trusted
     */
    public InstanceChecks(Transport transport, GreenApiAnswers answers, ProductRules rules, Limits limits, TimeSource time,
                          Duration checkTtl) {
        this.rules = rules;
        this.transport = transport;
        this.answers = answers;
        this.limits = limits;
        this.state = new AsyncCache<>(time, Duration.ofSeconds(60));
        this.accounts = new AsyncCache<>(time, checkTtl);
        this.ownId = new AsyncCache<>(time, Duration.ofDays(1));
    }

    // ---- the instance's state ----

    /**
     * The instance's state ({@code getStateInstance}); an authorized state is cached for a minute.
     *
     * @param ctx the attempt, for pacing
     * @return an {@link AccountStatus} or a failure
     */
    public CompletionStage<ActionResult> state(AttemptContext ctx) {
        Optional<AccountStatus> cached = state.peek("state");
        if (cached.isPresent()) {
            return completedStage(cached.get());
        }
        return stateReads.run("state", () -> readState(ctx));
    }

    /** Makes the next {@link #state} read the state again: a refusal may be the first sign of a yellow card. */
    public void stateMayHaveChanged() {
        state.invalidate("state");
    }

    private CompletionStage<ActionResult> readState(AttemptContext ctx) {
        return ctx.pace(limits.getStateInstance).thenCompose(v -> transport.get(ctx, "getStateInstance")).thenApply(reply -> {
            Read read = answers.read("getStateInstance", reply, Effect.SAFE_TO_REPEAT, Names.NO_GROUP);
            if (read instanceof Failed f) {
                return f.as(ActionResult.class);
            }
            JsonNode json = ((Json) read).json();
            String name = json.path("stateInstance").asText("");
            AccountStatus status = new AccountStatus(answers.detail(name.isEmpty() ? "NO_STATE" : name,
                    name.isEmpty() ? "the instance is still being created" : ""), rules.state(name));
            if (status.state() == AccountState.AUTHORIZED) {
                state.put("state", status);
            }
            return status;
        });
    }

    // ---- the instance's admin rights ----

    /**
     * Whether the instance is an admin of a group, from its own id (WhatsApp: {@code getSettings}'s
     * {@code wid}; the other products: {@code getAccountSettings}' {@code chatId}), cached a day.
     *
     * @param ctx the attempt, for pacing
     * @param data the group's data
     * @return the answer, or empty when the instance's id could not be read
     */
    public CompletionStage<Optional<Boolean>> isAdmin(AttemptContext ctx, GroupData data) {
        return ownRole(ctx, data).thenApply(role -> role.map(r -> r.map(p -> p != MemberRole.MEMBER).orElse(false)));
    }

    /**
     * The instance's role in a group, from its own id as {@link #isAdmin} reads it.
     *
     * @param ctx the attempt, for pacing
     * @param data the group's data
     * @return empty when the instance's id could not be read; else its role, or empty when the
     *     group does not list the instance's account
     */
    public CompletionStage<Optional<Optional<MemberRole>>> ownRole(AttemptContext ctx, GroupData data) {
        String method = rules.ownIdMethod();
        return ownId.get("own", () -> ctx.pace(limits.getSettings)
                        .thenCompose(v -> transport.get(ctx, method))
                        .thenApply(reply -> answers.read(method, reply, Effect.SAFE_TO_REPEAT, Names.NO_GROUP) instanceof Json j
                                ? rules.ownId(j.json()) : Optional.<String>empty()))
                .thenApply(own -> own.map(id -> data.find(id).map(GroupData.Participant::role)));
    }

    // ---- people's accounts ----

    /**
     * Whether a number has WhatsApp ({@code checkWhatsapp}), cached.
     *
     * @param ctx the attempt, for pacing
     * @param digits the number's digits
     * @return {@link Done} if it has, {@link NotRegistered} if not, or a failure
     */
    public CompletionStage<ActionResult> hasWhatsapp(AttemptContext ctx, String digits) {
        return hasAccount(ctx, new Member.Phone(digits));
    }

    /**
     * Remembers that a number has no WhatsApp, as another method found.
     *
     * @param digits the number's digits
     */
    public void noWhatsapp(String digits) {
        accounts.put(cacheKey(new Member.Phone(digits)), Account.NONE);
    }

    /**
     * Whether a person has an account of the product ({@code checkWhatsapp} or {@code checkAccount}),
     * cached; a person the product cannot check by this kind of id is taken as having one.
     *
     * @param ctx the attempt, for pacing
     * @param member the person
     * @return {@link Done} if they have, {@link NotRegistered} if not, or a failure
     */
    public CompletionStage<ActionResult> hasAccount(AttemptContext ctx, Member member) {
        return account(ctx, member).thenApply(r -> r);
    }

    /**
     * The id the group methods take for a person: the member's own where the product takes it,
     * else the {@code chatId} {@code checkAccount} gives for a phone or a username (cached).
     *
     * @param ctx the attempt, for pacing a look-up
     * @param member the person
     * @return the id, or the outcome of a person without an account or of a failed look-up
     */
    public CompletionStage<Resolved> idOf(AttemptContext ctx, Member member) {
        Optional<String> direct = rules.directId(member);
        if (direct.isPresent()) {
            return completedStage(new Resolved.Id(direct.get()));
        }
        return account(ctx, member).thenApply(r -> {
            if (!(r instanceof Done)) {
                return new Resolved.NoId(r);
            }
            Optional<String> id = accounts.peek(cacheKey(member)).flatMap(Account::chatId);
            return id.<Resolved>map(Resolved.Id::new).orElseGet(() -> new Resolved.NoId(new Unrecognized(answers.detail(
                    rules.accountCheckMethod() + ":NO_CHAT_ID", rules.accountCheckMethod() + " said the account exists but"
                            + " gave no chatId to add it by").withStatus(200))));
        });
    }

    /**
     * The id a person's earlier look-up found, if any: a listing names people by it.
     *
     * @param member a phone or username
     * @return the id, or empty when it was not looked up (or has no account)
     */
    public Optional<String> knownId(Member member) {
        return rules.directId(member).or(() -> accounts.peek(cacheKey(member)).flatMap(Account::chatId));
    }

    /** An id for the group methods, or why there is none. */
    public sealed interface Resolved {
        /**
         * The id.
         *
         * @param id the id the group methods take
         */
        record Id(String id) implements Resolved {
        }

        /**
         * No id.
         *
         * @param outcome {@link NotRegistered} or the look-up's failure
         */
        record NoId(ActionResult outcome) implements Resolved {
        }
    }

    private record Account(boolean exists, Optional<String> chatId) {
        static final Account NONE = new Account(false, Optional.empty());
    }

    /** The check's own question is the key: a phone and its {@code @c.us} id ask the same one. */
    private String cacheKey(Member member) {
        return rules.accountCheckBody(member).map(b -> b.toString().toLowerCase(java.util.Locale.ROOT))
                .orElse(member.kind() + ":" + member.value());
    }

    private CompletionStage<ActionResult> account(AttemptContext ctx, Member member) {
        Optional<Map<String, Object>> body = rules.accountCheckBody(member);
        if (body.isEmpty()) {
            return completedStage(new Done(answers.detail("NOT_CHECKED", rules.accountCheckMethod()
                    + " cannot check this kind of id")));
        }
        String key = cacheKey(member);
        Optional<Account> cached = accounts.peek(key);
        if (cached.isPresent()) {
            return completedStage(checked(cached.get().exists(), Heard.FROM_CACHE));
        }
        return checks.run(key, () -> check(ctx, key, body.get()));
    }

    private CompletionStage<ActionResult> check(AttemptContext ctx, String key, Map<String, Object> body) {
        String method = rules.accountCheckMethod();
        return ctx.pace(limits.checkWhatsapp)
                .thenCompose(v -> transport.post(ctx, method, body))
                .thenApply(reply -> {
                    Read read = answers.read(method, reply, Effect.SAFE_TO_REPEAT, Names.NO_GROUP);
                    if (read instanceof Failed f) {
                        return f.as(ActionResult.class);
                    }
                    JsonNode json = ((Json) read).json();
                    JsonNode exists = json.path(rules.accountExistsField());
                    if (!exists.isBoolean()) {
                        return new Unrecognized(answers.detail("UNEXPECTED_ANSWER", ((Json) read).raw()).withStatus(200));
                    }
                    String chatId = json.path("chatId").asText("");
                    accounts.put(key, new Account(exists.asBoolean(), chatId.isBlank() ? Optional.empty() : Optional.of(chatId)));
                    return checked(exists.asBoolean(), Heard.FROM_CHECK);
                });
    }

    private ActionResult checked(boolean exists, Heard heard) {
        String how = heard == Heard.FROM_CACHE ? " (cached)" : "";
        String field = rules.accountExistsField();
        if (exists) {
            return new Done(answers.detail(field + ":true", how.strip()));
        }
        if (rules.product() == GreenApiProduct.WHATSAPP) {
            return new NotRegistered(answers.detail(field + ":false", "checkWhatsapp: the number has no WhatsApp" + how));
        }
        return new NotRegistered(answers.detail(field + ":false", "checkAccount: the person has no " + rules.label()
                + " account" + how).withRemedy("Check the person's id, username or number: " + rules.label() + " knows no"
                + " such account. Do not retry: repeated checks of accounts that do not exist can get the instance"
                + " restricted."));
    }
}
