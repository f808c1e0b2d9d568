package io.groupkit.greenapi.internal;

import static java.util.concurrent.CompletableFuture.completedStage;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.core.ActionResult;
import io.groupkit.core.Done;
import io.groupkit.core.GroupCreated;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Effect;
import io.groupkit.greenapi.internal.GreenApiAnswers.Failed;
import io.groupkit.greenapi.internal.GreenApiAnswers.Json;
import io.groupkit.greenapi.internal.GreenApiAnswers.Names;
import io.groupkit.greenapi.internal.GreenApiAnswers.Read;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * WhatsApp's group methods beyond membership, for {@code GreenApiClient}: create a group, rename
 * it, make and unmake admins, set its picture, leave it; and the instance's state and a number's
 * WhatsApp, which the client offers too. Each method makes one attempt.
 */
public final class GroupOperations {
    private final Transport transport;
    private final GreenApiAnswers answers;
    private final Limits limits;
    private final GroupDataCache groupData;
    private final InstanceChecks checks;

    /**
     * The group methods of one instance.
     *
     * @param transport the instance's transport
     * @param answers its answer reader
     * @param limits the pacing
     * @param groupData the groups' data, forgotten after a change
     * @param checks the instance's and the numbers' checks
     */
    public GroupOperations(Transport transport, GreenApiAnswers answers, Limits limits, GroupDataCache groupData,
                           InstanceChecks checks) {
        this.transport = transport;
        this.answers = answers;
        this.limits = limits;
        this.groupData = groupData;
        this.checks = checks;
    }

    /**
     * The pacing.
     *
     * @return the limits
     */
    public Limits limits() {
        return limits;
    }

    /**
     * The product's rules.
     *
     * @return the rules
     */
    public ProductRules rules() {
        return answers.rules();
    }

    /**
     * {@code createGroup}: every member must have WhatsApp (checked first, cached); a number
     * without it is never sent.
     *
     * @param ctx the attempt
     * @param name the group's name
     * @param members the people
     * @return {@link GroupCreated}, {@link NotRegistered} naming who has no WhatsApp, or a failure
     */
    public CompletionStage<ActionResult> createGroup(AttemptContext ctx, String name, List<Member> members) {
        if (answers.rules().product() != io.groupkit.greenapi.GreenApiProduct.WHATSAPP) {
            return createGroupElsewhere(ctx, name, members);
        }
        CompletionStage<List<ActionResult>> checked = completedStage(new ArrayList<>());
        for (Member m : members) {
            Optional<String> digits = ChatIds.digits(m);
            if (digits.isPresent()) {
                checked = checked.thenCompose(list -> checks.hasWhatsapp(ctx, digits.get()).thenApply(r -> {
                    list.add(r);
                    return list;
                }));
            }
        }
        return checked.thenCompose(results -> {
            long without = results.stream().filter(r -> r instanceof NotRegistered).count();
            Optional<ActionResult> failure = results.stream().filter(r -> !(r instanceof Done) && !(r instanceof NotRegistered)).findFirst();
            if (failure.isPresent()) {
                return completedStage(failure.get());
            }
            if (without > 0) {
                return completedStage(new NotRegistered(answers.detail("existsWhatsapp:false", without + " of the " + members.size()
                        + " numbers have no WhatsApp; nothing was sent").withRemedy("Remove the numbers without"
                        + " WhatsApp (checkWhatsapp) and create the group again: sending them can get this number banned.")));
            }
            return create(ctx, name, members.stream().map(ChatIds::of).toList());
        });
    }

    /**
     * MAX, Telegram, Instagram: each member's id (a phone or username looked up with
     * {@code checkAccount}); nothing is sent if one has no account.
     */
    private CompletionStage<ActionResult> createGroupElsewhere(AttemptContext ctx, String name, List<Member> members) {
        CompletionStage<List<InstanceChecks.Resolved>> resolved = completedStage(new ArrayList<>());
        for (Member m : members) {
            resolved = resolved.thenCompose(list -> checks.idOf(ctx, m).thenApply(r -> {
                list.add(r);
                return list;
            }));
        }
        return resolved.thenCompose(results -> {
            List<ActionResult> missing = results.stream().filter(InstanceChecks.Resolved.NoId.class::isInstance)
                    .map(r -> ((InstanceChecks.Resolved.NoId) r).outcome()).toList();
            Optional<ActionResult> failure = missing.stream().filter(r -> !(r instanceof NotRegistered)).findFirst();
            if (failure.isPresent()) {
                return completedStage(failure.get());
            }
            if (!missing.isEmpty()) {
                return completedStage(new NotRegistered(answers.detail(answers.rules().accountExistsField() + ":false",
                        missing.size() + " of the " + members.size() + " people have no " + answers.rules().label()
                                + " account; nothing was sent").withRemedy("Remove them and create the group again.")));
            }
            return create(ctx, name, results.stream().map(r -> ((InstanceChecks.Resolved.Id) r).id()).toList());
        });
    }

    private CompletionStage<ActionResult> create(AttemptContext ctx, String name, List<String> chatIds) {
        Map<String, Object> body = Map.of("groupName", name, "chatIds", chatIds);
        {
            return transport.post(ctx, "createGroup", body).thenApply(reply -> {
                Read read = answers.read("createGroup", reply, Effect.CREATES, Names.NO_GROUP);
                if (read instanceof Failed f) {
                    return f.as(ActionResult.class);
                }
                JsonNode json = ((Json) read).json();
                if (json.path("created").asBoolean(false) && json.path("chatId").isTextual()) {
                    String link = json.path("groupInviteLink").asText("");
                    return new GroupCreated(answers.detail("created:true", ""), GroupRef.of(json.path("chatId").asText()),
                            link.isBlank() ? Optional.empty() : Optional.of(link));
                }
                // MAX answers a failed creation with 200 and created: false
                // (https://green-api.com/v3/docs/api/groups/CreateGroup): nothing was made.
                return new Unrecognized(answers.detail("created:false", ((Json) read).raw()).withStatus(200));
            });
        }
    }

    /**
     * A group method with a boolean answer ({@code updateGroupName}, {@code setGroupAdmin},
     * {@code removeAdmin}, {@code leaveGroup}).
     *
     * @param ctx the attempt
     * @param method the method
     * @param body the request
     * @param field the answer's boolean field
     * @return {@link Done}, {@link NotFound} of the person or {@link io.groupkit.core.AccessDenied} when an
     *     {@code error} text says so, or a failure
     */
    public CompletionStage<ActionResult> groupAction(AttemptContext ctx, String method, Map<String, Object> body,
                                                     String field) {
        return transport.post(ctx, method, body).thenApply(reply -> {
            Read read = answers.read(method, reply, Effect.CHANGES, Names.A_GROUP);
            if (read instanceof Failed f) {
                return f.as(ActionResult.class);
            }
            JsonNode json = ((Json) read).json();
            String error = json.path("error").asText("");
            if (error.toLowerCase(Locale.ROOT).contains("not found")) {
                return new NotFound(answers.detail(field + ":" + json.path(field).asText("?"), error).withStatus(200),
                        NotFound.Subject.MEMBER);
            }
            String lower = error.toLowerCase(Locale.ROOT);
            if (lower.contains("have to be group admin") || lower.contains("no permission")) {
                // MAX's setGroupAdmin names the instance's missing rights so
                // (https://green-api.com/v3/docs/api/groups/SetGroupAdmin).
                return answers.notAdminHere(answers.detail(field + ":" + json.path(field).asText("?"), error).withStatus(200));
            }
            groupData.forget(String.valueOf(body.get(answers.rules().groupField())));
            // leaveGroup is documented to answer with either its own field or removeAdmin.
            boolean done = json.path(field).asBoolean(false)
                    || ("leaveGroup".equals(method) && !json.has(field) && json.path("removeAdmin").asBoolean(false));
            if (done) {
                return new Done(answers.detail(field + ":true", error));
            }
            return new Unrecognized(answers.detail(field + ":false", error.isEmpty() ? ((Json) read).raw() : error).withStatus(200));
        });
    }

    /**
     * {@code setGroupPicture} with a JPEG file.
     *
     * @param ctx the attempt
     * @param group the group
     * @param jpeg the picture
     * @return {@link Done} (the avatar's URL in the description), {@link NotFound} of the group for
     *     the documented {@code reason: "Timed Out"}, or a failure
     */
    public CompletionStage<ActionResult> setGroupPicture(AttemptContext ctx, GroupRef group, byte[] jpeg) {
        if (!answers.rules().has("setGroupPicture")) {
            return completedStage(new io.groupkit.core.Unsupported(answers.detail("UNSUPPORTED", answers.rules().label()
                    + " has no setGroupPicture (https://green-api.com/instagram/docs/api/groups)")));
        }
        return transport.postMultipart(ctx, "setGroupPicture", Map.of(answers.rules().groupField(), group.key()), "file", "picture.jpg",
                "image/jpeg", jpeg).thenApply(reply -> {
                    // Setting a picture twice does no harm, so a lost answer may be retried.
                    Read read = answers.read("setGroupPicture", reply, Effect.SAFE_TO_REPEAT, Names.A_GROUP);
                    if (read instanceof Failed f) {
                        return f.as(ActionResult.class);
                    }
                    JsonNode json = ((Json) read).json();
                    if (json.path("setGroupPicture").asBoolean(false)) {
                        return new Done(answers.detail("setGroupPicture:true", json.path("urlAvatar").asText("")));
                    }
                    String reason = json.path("reason").asText("");
                    if ("Timed Out".equalsIgnoreCase(reason.strip())) {
                        // Green-API documents this answer for a wrong or mistyped group id.
                        return new NotFound(answers.detail("Timed Out", "setGroupPicture:false: the group id was not"
                                + " accepted").withStatus(200), NotFound.Subject.GROUP);
                    }
                    return new Unrecognized(answers.detail("setGroupPicture:false", reason.isEmpty() ? ((Json) read).raw()
                            : reason).withStatus(200));
                });
    }

    /**
     * The instance's state ({@code getStateInstance}), cached for a minute when authorized.
     *
     * @param ctx the attempt, for pacing
     * @return an {@link io.groupkit.core.AccountStatus} or a failure
     */
    public CompletionStage<ActionResult> state(AttemptContext ctx) {
        return checks.state(ctx);
    }

    /**
     * Whether a number has WhatsApp ({@code checkWhatsapp}), cached.
     *
     * @param ctx the attempt, for pacing
     * @param phone the number
     * @return {@link Done} if it has, {@link NotRegistered} if not, or a failure
     */
    public CompletionStage<ActionResult> checkWhatsapp(AttemptContext ctx, Member.Phone phone) {
        return checks.hasWhatsapp(ctx, phone.digits());
    }

    /**
     * Whether a person has an account of the product ({@code checkWhatsapp} or {@code checkAccount}), cached.
     *
     * @param ctx the attempt, for pacing
     * @param member the person
     * @return {@link Done} if they have, {@link NotRegistered} if not, or a failure
     */
    public CompletionStage<ActionResult> checkAccount(AttemptContext ctx, Member member) {
        return checks.hasAccount(ctx, member);
    }

    /**
     * A group method naming a person: the person's id is looked up first where the product needs it.
     *
     * @param ctx the attempt
     * @param method the method
     * @param group the group
     * @param member the person
     * @param field the answer's boolean field
     * @return as {@link #groupAction}
     */
    public CompletionStage<ActionResult> personAction(AttemptContext ctx, String method, GroupRef group, Member member,
                                                      String field) {
        return checks.idOf(ctx, member).thenCompose(r -> r instanceof InstanceChecks.Resolved.Id id
                ? groupAction(ctx, method, answers.rules().groupBody(group, "participantChatId", id.id()), field)
                : completedStage(((InstanceChecks.Resolved.NoId) r).outcome()));
    }

    @Override
    public String toString() {
        return "GroupOperations[" + transport + "]";
    }
}
