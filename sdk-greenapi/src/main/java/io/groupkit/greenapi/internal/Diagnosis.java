package io.groupkit.greenapi.internal;

import static java.util.concurrent.CompletableFuture.completedStage;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MemberRole;
import io.groupkit.core.NotAdded;
import io.groupkit.core.NotInContacts;
import io.groupkit.core.NotMember;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.internal.AsyncCache;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Effect;
import io.groupkit.core.time.TimeSource;
import io.groupkit.greenapi.GreenApiProduct;
import io.groupkit.greenapi.internal.GreenApiAnswers.Failed;
import io.groupkit.greenapi.internal.GreenApiAnswers.Json;
import io.groupkit.greenapi.internal.GreenApiAnswers.Names;
import io.groupkit.greenapi.internal.GreenApiAnswers.Read;
import io.groupkit.greenapi.internal.GroupDataCache.Found;
import io.groupkit.greenapi.internal.GroupDataCache.Lookup;
import io.groupkit.greenapi.internal.GroupDataCache.Refused;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Why WhatsApp answered an add or a removal with a bare {@code false}: the cached look-ups (group
 * data, the instance's admin rights, the number's WhatsApp, the phone's contacts) turn it into the
 * most precise outcome they allow, and an opted-in remedy saves a missing contact and adds once more.
 */
public final class Diagnosis {
    /** The reasons WhatsApp may refuse an add that no check can tell apart (seed documents). */
    public static final List<NotAdded.Reason> UNTOLD_REASONS = List.of(NotAdded.Reason.PRIVACY,
            NotAdded.Reason.RESTRICTED_BY_PROVIDER, NotAdded.Reason.GROUP_SETTINGS, NotAdded.Reason.LEFT_OR_REMOVED_BEFORE);

    /** How old a contact list may be before a "not a contact" from it is checked against a fresh one. */
    static final Duration CONTACTS_MISS_MAX_AGE = Duration.ofSeconds(30);

    private final Transport transport;
    private final GreenApiAnswers answers;
    private final Limits limits;
    private final GroupDataCache groupData;
    private final InstanceChecks checks;
    private final AsyncCache<String, Set<String>> contacts;
    private final Optional<String> saveContactsAs;

    /**
     * The diagnosis of one instance.
     *
     * @param transport the instance's transport
     * @param answers its answer reader
     * @param limits the pacing
     * @param groupData the groups' data
     * @param checks the instance's and the numbers' checks
     * @param time the clock for expiry
     * @param contactsTtl how long the contact list is trusted
     * @param saveContactsAs the first name under which a number WhatsApp wants in the contacts is
     *     saved before one more add, or empty to leave the contacts alone
     */
    public Diagnosis(Transport transport, GreenApiAnswers answers, Limits limits, GroupDataCache groupData,
                     InstanceChecks checks, TimeSource time, Duration contactsTtl, Optional<String> saveContactsAs) {
        this.transport = transport;
        this.answers = answers;
        this.limits = limits;
        this.groupData = groupData;
        this.checks = checks;
        this.contacts = new AsyncCache<>(time, contactsTtl);
        this.saveContactsAs = saveContactsAs;
    }

    // ---- an add ----

    /**
     * Why WhatsApp refused an add. The diagnosis waits for {@code otherAdds} of the same person in
     * this process to be answered: the refusal may be WhatsApp's answer to a second add, and the
     * first one's success, kept in the cached data, tells that the person is in.
     *
     * @param ctx the attempt
     * @param add the refused add
     * @param otherAdds completes when the other adds of the person to the group have their answers
     * @return the outcome
     */
    public CompletionStage<AddResult> whyAddRefused(AttemptContext ctx, AddRequest add, CompletableFuture<Void> otherAdds) {
        return whyAddRefused(ctx, add, otherAdds, "");
    }

    /**
     * Why the product refused an add, with the {@code reason} text its answer gave (Telegram's;
     * Green-API documents no values, so it is kept as it came, never matched).
     *
     * @param ctx the attempt
     * @param add the refused add
     * @param otherAdds completes when the other adds of the person to the group have their answers
     * @param reason the answer's {@code reason}, or empty
     * @return the outcome
     */
    public CompletionStage<AddResult> whyAddRefused(AttemptContext ctx, AddRequest add, CompletableFuture<Void> otherAdds,
                                                    String reason) {
        Optional<AddResult> named = reason.isBlank() ? Optional.empty()
                : answers.rules().outcomeOfReason(reason, answers.detail("addParticipant:false", reason).withStatus(200));
        if (named.isPresent()) {
            return completedStage(named.get());
        }
        // A refusal may be the first sign of a yellow card: the next pre-check asks for the state again.
        checks.stateMayHaveChanged();
        // After an earlier attempt of this add (a 502, a lost answer) WhatsApp may have added the person
        // and now refuses a second add: only group data read after that attempt can tell.
        return otherAdds.thenCompose(v -> ctx.attempt() > 1 ? groupData.fresh(ctx, add.group()) : groupData.cached(ctx, add.group()))
                .thenCompose(lookup -> whatTheGroupTells(ctx, add, lookup).thenCompose(told -> told.isPresent()
                        ? completedStage(told.get())
                        // Group data that could not be read leaves the instance's role unchecked.
                        : answers.rules().product() == GreenApiProduct.WHATSAPP
                        ? whyPersonRefused(ctx, add, lookup instanceof Found ? List.of() : List.of(NotAdded.Reason.NOT_ADMIN))
                        : whyRefusedElsewhere(ctx, add, lookup instanceof Found ? List.of() : List.of(NotAdded.Reason.NOT_ADMIN),
                        reason)));
    }

    /**
     * The group's checks: a group that does not exist, a person it lists already, an instance that
     * is not an admin where only admins add people; empty when the person's checks must tell.
     */
    private CompletionStage<Optional<AddResult>> whatTheGroupTells(AttemptContext ctx, AddRequest add, Lookup lookup) {
        if (lookup instanceof Refused refused) {
            return completedStage(refused.groupNotFound() ? Optional.of((AddResult) refused.outcome()) : Optional.empty());
        }
        GroupData data = ((Found) lookup).data();
        if (data.find(add.chatId()).isPresent()) {
            return completedStage(Optional.of(new AlreadyMember(answers.detail("addParticipant:false",
                    "getGroupData lists the person already"))));
        }
        if (answers.rules().product() != GreenApiProduct.WHATSAPP) {
            return whatTheGroupTellsElsewhere(ctx, data);
        }
        if (data.participantsMayAdd().orElse(false)) {
            // Any member may add people here, so the instance's role explains nothing.
            return completedStage(Optional.empty());
        }
        return checks.isAdmin(ctx, data).thenApply(isAdmin -> isAdmin.isPresent() && !isAdmin.get()
                ? Optional.of(answers.notAdminHere(answers.detail("addParticipant:false",
                "getGroupData: the instance is not an admin of the group"))) : Optional.empty());
    }

    /**
     * MAX, Telegram and Instagram: an instance whose account the group does not list is not in it
     * (Telegram documents that refusal, https://green-api.com/en/telegram/docs/api/groups/AddGroupParticipant),
     * whoever may add people; else a member that is no admin where only admins add.
     */
    private CompletionStage<Optional<AddResult>> whatTheGroupTellsElsewhere(AttemptContext ctx, GroupData data) {
        return checks.ownRole(ctx, data).thenApply(role -> {
            if (role.isEmpty()) {
                return Optional.empty();
            }
            if (role.get().isEmpty()) {
                return Optional.of(answers.notInGroup(answers.detail("addParticipant:false",
                        "getGroupData does not list the instance's account")));
            }
            boolean mayAdd = role.get().get() != MemberRole.MEMBER || data.participantsMayAdd().orElse(false);
            return mayAdd ? Optional.empty() : Optional.of(answers.notAdminHere(answers.detail("addParticipant:false",
                    "getGroupData: the instance is not an admin of the group")));
        });
    }

    /**
     * MAX, Telegram and Instagram: a person without an account, else the reasons no check tells
     * apart — said as not narrowed, since these products document no more.
     */
    private CompletionStage<AddResult> whyRefusedElsewhere(AttemptContext ctx, AddRequest add, List<NotAdded.Reason> unchecked,
                                                           String reason) {
        String label = answers.rules().label();
        return checks.hasAccount(ctx, add.member()).thenApply(r -> {
            if (r instanceof NotRegistered n) {
                return (AddResult) n;
            }
            List<NotAdded.Reason> reasons = new ArrayList<>(unchecked);
            reasons.addAll(answers.rules().untoldReasons());
            String said = reason.isBlank() ? "" : " (reason: " + reason.strip() + ")";
            return new NotAdded(answers.detail("addParticipant:false", label + " refused" + said + "; not narrowed"
                    + " further: the group's data and the account check ruled out what they could"), reasons);
        });
    }

    /** The person's checks: a number without WhatsApp, one missing from the contacts, or the reasons left. */
    private CompletionStage<AddResult> whyPersonRefused(AttemptContext ctx, AddRequest add, List<NotAdded.Reason> unchecked) {
        CompletionStage<Optional<AddResult>> registered = add.digits().isEmpty() ? completedStage(Optional.empty())
                : checks.hasWhatsapp(ctx, add.digits().get()).thenApply(r -> r instanceof NotRegistered n
                ? Optional.<AddResult>of(n) : Optional.empty());
        return registered.thenCompose(noAccount -> {
            if (noAccount.isPresent()) {
                return completedStage(noAccount.get());
            }
            return isContact(ctx, add.chatId()).thenCompose(known -> {
                if (known.isPresent() && !known.get()) {
                    NotInContacts notInContacts = new NotInContacts(answers.detail("addParticipant:false",
                            "getContacts: the number is not in the phone's contacts"));
                    return saveContactsAs.isPresent() && add.member() instanceof Member.Phone
                            ? saveContactAndAddAgain(ctx, add, saveContactsAs.get(), notInContacts)
                            : completedStage((AddResult) notInContacts);
                }
                List<NotAdded.Reason> reasons = new ArrayList<>(unchecked);
                if (known.isEmpty()) {
                    reasons.add(NotAdded.Reason.NOT_IN_CONTACTS);
                }
                reasons.addAll(UNTOLD_REASONS);
                return completedStage((AddResult) new NotAdded(answers.detail("addParticipant:false",
                        "WhatsApp refused without a reason; the checks ruled out what they could"), reasons));
            });
        });
    }

    /**
     * The seed's remedy for a number missing from the phone's contacts, opted into with
     * {@code saveContactAndRetry}: save it ({@code addContact}, whose 404 says the number has no
     * WhatsApp), then add once more. The outcome says what was done; an {@link Added} reaches the
     * group's data where the add ends ({@link GroupDataCache#ended}).
     */
    private CompletionStage<AddResult> saveContactAndAddAgain(AttemptContext ctx, AddRequest add, String firstName,
                                                              NotInContacts notInContacts) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("chatId", add.chatId());
        contact.put("firstName", firstName);
        contact.put("saveInAddressbook", true);
        return ctx.pace(limits.addContact).thenCompose(v -> transport.post(ctx, "addContact", contact)).thenCompose(reply -> {
            Read read = answers.read("addContact", reply, Effect.SAFE_TO_REPEAT, Names.NO_GROUP);
            boolean saved = read instanceof Json j && j.json().path("addContact").asBoolean(false);
            boolean there = read instanceof Failed f && f.outcome().detail().description().toLowerCase(Locale.ROOT)
                    .contains("already exists");
            if (read instanceof Failed f && f.outcome().detail().status().orElse(0) == 404) {
                checks.noWhatsapp(add.digits().orElse(""));
                return completedStage((AddResult) new NotRegistered(answers.detail("addContact:404",
                        f.outcome().detail().description()).withStatus(404).withRemedy("addContact says the number is"
                        + " not on WhatsApp: check the number. Do not retry: adding numbers without WhatsApp can get this"
                        + " number banned.")));
            }
            if (!saved && !there) {
                return completedStage((AddResult) new NotInContacts(notInContacts.detail().withDescription(
                        "the number is not in the phone's contacts, and saving it failed (addContact: "
                                + read.getClass().getSimpleName() + " " + (read instanceof Failed f ? f.outcome().detail().code()
                                : "no addContact:true") + ")")));
            }
            contacts.update("contacts", ids -> {
                Set<String> more = new HashSet<>(ids);
                more.add(add.chatId());
                return Set.copyOf(more);
            });
            String done = saved ? "saved the number to the phone's contacts (addContact)" : "the number was in the contacts already";
            return ctx.pace(limits.addParticipant).thenCompose(v -> transport.post(ctx, "addGroupParticipant", add.body())).thenApply(again -> {
                Read second = answers.read("addGroupParticipant", again, Effect.CHANGES, Names.A_GROUP);
                if (second instanceof Failed f) {
                    return f.as(AddResult.class);
                }
                JsonNode added = ((Json) second).json().path("addParticipant");
                if (added.isBoolean() && added.asBoolean()) {
                    return (AddResult) new Added(answers.detail("ADDED_AFTER_SAVING_CONTACT", done + ", then added"));
                }
                List<NotAdded.Reason> reasons = new ArrayList<>(UNTOLD_REASONS);
                return new NotAdded(answers.detail("addParticipant:false", done + " and the add was tried once more;"
                        + " WhatsApp refused again without a reason"), reasons);
            });
        });
    }

    /**
     * Whether a chat id is in the phone's contacts: the cached list answers yes; a no from a list
     * older than {@link #CONTACTS_MISS_MAX_AGE} is checked against a fresh list first, since the
     * person may have been saved since.
     */
    private CompletionStage<Optional<Boolean>> isContact(AttemptContext ctx, String chatId) {
        return contacts.get("contacts", () -> fetchContacts(ctx)).thenCompose(known -> {
            if (known.isEmpty() || known.get().contains(chatId)
                    || contacts.peekYoungerThan("contacts", CONTACTS_MISS_MAX_AGE).isPresent()) {
                return completedStage(known.map(ids -> ids.contains(chatId)));
            }
            return contacts.refresh("contacts", () -> fetchContacts(ctx))
                    .thenApply(fresh -> fresh.or(() -> known).map(ids -> ids.contains(chatId)));
        });
    }

    private CompletionStage<Optional<Set<String>>> fetchContacts(AttemptContext ctx) {
        return ctx.pace(limits.getContacts)
                .thenCompose(v -> transport.get(ctx, "getContacts"))
                .thenApply(reply -> {
                    if (!(answers.read("getContacts", reply, Effect.SAFE_TO_REPEAT, Names.NO_GROUP) instanceof Json j)
                            || !j.json().isArray()) {
                        return Optional.empty();
                    }
                    Set<String> ids = new HashSet<>();
                    for (JsonNode c : j.json()) {
                        // A contact saved in the phone book has a contactName; others are just chats.
                        if (c.path("id").isTextual() && !c.path("contactName").asText("").isBlank()) {
                            ids.add(c.path("id").asText());
                        }
                    }
                    return Optional.of(Set.copyOf(ids));
                });
    }

    // ---- a removal ----

    /**
     * Why WhatsApp refused a removal: a group that does not exist, a person it does not list, or an
     * instance that is not an admin.
     *
     * @param ctx the attempt
     * @param group the group
     * @param chatId the person's chat id
     * @return the outcome
     */
    public CompletionStage<RemoveResult> whyRemovalRefused(AttemptContext ctx, GroupRef group, String chatId) {
        groupData.forget(group.key());
        return groupData.cached(ctx, group).thenCompose(lookup -> {
            if (lookup instanceof Refused r) {
                return completedStage(r.groupNotFound() ? (RemoveResult) r.outcome()
                        : new Unrecognized(answers.detail("removeParticipant:false",
                        answers.rules().label() + " refused; the group's data could not be read to tell why")));
            }
            GroupData data = ((Found) lookup).data();
            if (data.find(chatId).isEmpty() && data.provesAbsence(chatId)) {
                return completedStage(new NotMember(answers.detail("removeParticipant:false",
                        "getGroupData does not list the person")));
            }
            return checks.isAdmin(ctx, data).thenApply(isAdmin -> isAdmin.isPresent() && !isAdmin.get()
                    ? (RemoveResult) answers.notAdminHere(answers.detail("removeParticipant:false",
                    "getGroupData: the instance is not an admin of the group"))
                    : new Unrecognized(answers.detail("removeParticipant:false", answers.rules().label()
                    + " refused without a reason")));
        });
    }
}
