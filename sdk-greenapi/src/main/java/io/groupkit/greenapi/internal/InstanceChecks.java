package io.groupkit.greenapi.internal;

import static java.util.concurrent.CompletableFuture.completedStage;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.core.AccountState;
import io.groupkit.core.AccountStatus;
import io.groupkit.core.ActionResult;
import io.groupkit.core.Done;
import io.groupkit.core.MemberRole;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.internal.AsyncCache;
import io.groupkit.core.internal.SingleFlight;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Effect;
import io.groupkit.core.time.TimeSource;
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
 * each read once and cached: the instance's state ({@code getStateInstance}), its own WhatsApp id
 * for its admin rights ({@code getSettings}), and whether a number has WhatsApp
 * ({@code checkWhatsapp}).
 */
public final class InstanceChecks {
    private enum Heard {
        FROM_CACHE, FROM_CHECK
    }

    private final Transport transport;
    private final GreenApiAnswers answers;
    private final Limits limits;
    private final AsyncCache<String, AccountStatus> state;
    private final AsyncCache<String, Boolean> whatsapp;
    private final AsyncCache<String, String> ownId;
    // a cold client's concurrent callers share one getStateInstance / checkWhatsapp, whatever it answers
    private final SingleFlight<String, ActionResult> stateReads = new SingleFlight<>();
    private final SingleFlight<String, ActionResult> checks = new SingleFlight<>();

    /**
     * The checks of one instance.
     *
     * @param transport the instance's transport
     * @param answers its answer reader
     * @param limits the pacing
     * @param time the clock for expiry
     * @param checkTtl how long a number's "has WhatsApp" answer is trusted
     */
    public InstanceChecks(Transport transport, GreenApiAnswers answers, Limits limits, TimeSource time, Duration checkTtl) {
        this.transport = transport;
        this.answers = answers;
        this.limits = limits;
        this.state = new AsyncCache<>(time, Duration.ofSeconds(60));
        this.whatsapp = new AsyncCache<>(time, checkTtl);
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
                    name.isEmpty() ? "the instance is still being created" : ""), switch (name) {
                        case "authorized" -> AccountState.AUTHORIZED;
                        case "notAuthorized" -> AccountState.NOT_AUTHORIZED;
                        case "blocked" -> AccountState.BANNED;
                        case "yellowCard" -> AccountState.SPAM_SUSPENDED;
                        case "starting" -> AccountState.STARTING;
                        case "sleepMode" -> AccountState.SLEEPING;
                        default -> AccountState.UNKNOWN;
                    });
            if (status.state() == AccountState.AUTHORIZED) {
                state.put("state", status);
            }
            return status;
        });
    }

    // ---- the instance's admin rights ----

    /**
     * Whether the instance is an admin of a group, from its own id ({@code getSettings}, cached a day).
     *
     * @param ctx the attempt, for pacing
     * @param data the group's data
     * @return the answer, or empty when the instance's id could not be read
     */
    public CompletionStage<Optional<Boolean>> isAdmin(AttemptContext ctx, GroupData data) {
        return ownId.get("wid", () -> ctx.pace(limits.getSettings)
                        .thenCompose(v -> transport.get(ctx, "getSettings"))
                        .thenApply(reply -> answers.read("getSettings", reply, Effect.SAFE_TO_REPEAT, Names.NO_GROUP) instanceof Json j
                                && j.json().path("wid").isTextual() ? Optional.of(j.json().path("wid").asText()) : Optional.empty()))
                .thenApply(wid -> wid.map(id -> data.find(id).map(p -> p.role() != MemberRole.MEMBER).orElse(false)));
    }

    // ---- numbers ----

    /**
     * Whether a number has WhatsApp ({@code checkWhatsapp}), cached.
     *
     * @param ctx the attempt, for pacing
     * @param digits the number's digits
     * @return {@link Done} if it has, {@link NotRegistered} if not, or a failure
     */
    public CompletionStage<ActionResult> hasWhatsapp(AttemptContext ctx, String digits) {
        Optional<Boolean> cached = whatsapp.peek(digits);
        if (cached.isPresent()) {
            return completedStage(checked(cached.get(), Heard.FROM_CACHE));
        }
        return checks.run(digits, () -> checkWhatsapp(ctx, digits));
    }

    /**
     * Remembers that a number has no WhatsApp, as another method found.
     *
     * @param digits the number's digits
     */
    public void noWhatsapp(String digits) {
        whatsapp.put(digits, false);
    }

    private CompletionStage<ActionResult> checkWhatsapp(AttemptContext ctx, String digits) {
        return ctx.pace(limits.checkWhatsapp)
                .thenCompose(v -> transport.post(ctx, "checkWhatsapp", Map.of("phoneNumber", Long.parseLong(digits))))
                .thenApply(reply -> {
                    Read read = answers.read("checkWhatsapp", reply, Effect.SAFE_TO_REPEAT, Names.NO_GROUP);
                    if (read instanceof Failed f) {
                        return f.as(ActionResult.class);
                    }
                    JsonNode exists = ((Json) read).json().path("existsWhatsapp");
                    if (!exists.isBoolean()) {
                        return new Unrecognized(answers.detail("UNEXPECTED_ANSWER", ((Json) read).raw()).withStatus(200));
                    }
                    whatsapp.put(digits, exists.asBoolean());
                    return checked(exists.asBoolean(), Heard.FROM_CHECK);
                });
    }

    private ActionResult checked(boolean exists, Heard heard) {
        String how = heard == Heard.FROM_CACHE ? " (cached)" : "";
        return exists ? new Done(answers.detail("existsWhatsapp:true", how.strip()))
                : new NotRegistered(answers.detail("existsWhatsapp:false", "checkWhatsapp: the number has no WhatsApp" + how));
    }
}
