package io.groupkit.greenapi.internal;

import static java.util.concurrent.CompletableFuture.completedStage;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.core.AccountState;
import io.groupkit.core.AccountStatus;
import io.groupkit.core.ActionResult;
import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.Done;
import io.groupkit.core.GroupFull;
import io.groupkit.core.GroupInfo;
import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Groups;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.GroupsResult;
import io.groupkit.core.InviteLink;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.Members;
import io.groupkit.core.MembersResult;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Removed;
import io.groupkit.core.SpamLimited;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.Unsupported;
import io.groupkit.core.internal.AsyncCache;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.Effect;
import io.groupkit.core.spi.MembershipCheck;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.time.TimeSource;
import io.groupkit.greenapi.internal.GreenApiAnswers.Failed;
import io.groupkit.greenapi.internal.GreenApiAnswers.Json;
import io.groupkit.greenapi.internal.GreenApiAnswers.Names;
import io.groupkit.greenapi.internal.GreenApiAnswers.Read;
import io.groupkit.greenapi.internal.GroupDataCache.AddUnderWay;
import io.groupkit.greenapi.internal.GroupDataCache.Found;
import io.groupkit.greenapi.internal.GroupDataCache.Refused;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Green-API as a {@link MembershipProvider}: one HTTP request per attempt. A bare
 * {@code addParticipant: false} goes to the {@link Diagnosis}; the pre-checks ask the
 * {@link InstanceChecks} and the {@link GroupDataCache}.
 */
public final class GreenApiProvider implements MembershipProvider {
    private final Capabilities capabilities;
    private final ProductRules rules;
    private final Transport transport;
    private final GreenApiAnswers answers;
    private final String idInstance;
    private final Limits limits;
    private final GroupDataCache groupData;
    private final InstanceChecks checks;
    private final Diagnosis diagnosis;
    private final AsyncCache<String, List<GroupInfo>> chats;
    private final String inviteMessage;

    /**
     * The provider of one instance.
     *
     * @param rules the product's rules
     * @param transport the instance's HTTP transport
     * @param answers its answer reader
     * @param idInstance the instance id (not secret)
     * @param limits the pacing
     * @param groupData the groups' data
     * @param checks the instance's and the numbers' checks
     * @param diagnosis the diagnosis of a refused add or removal
     * @param time the clock for the chat list's expiry
     * @param chatsTtl how long the chat list is trusted for later pages
     * @param inviteMessage the text sent before an invite link
     */
    public GreenApiProvider(ProductRules rules, Transport transport, GreenApiAnswers answers, String idInstance,
                            Limits limits, GroupDataCache groupData, InstanceChecks checks, Diagnosis diagnosis,
                            TimeSource time, Duration chatsTtl, String inviteMessage) {
        this.rules = rules;
        this.capabilities = Capabilities.builder()
                .memberKinds(rules.memberKinds().toArray(MemberKind[]::new))
                .operations(Operation.ADD, Operation.REMOVE, Operation.INVITE_LINK, Operation.MEMBERS, Operation.GROUPS,
                        Operation.PRECHECK, Operation.SEND_INVITE)
                .groupRefType(GroupRef.class)
                .build();
        this.transport = transport;
        this.answers = answers;
        this.idInstance = idInstance;
        this.limits = limits;
        this.groupData = groupData;
        this.checks = checks;
        this.diagnosis = diagnosis;
        this.chats = new AsyncCache<>(time, chatsTtl);
        this.inviteMessage = inviteMessage;
    }

    @Override
    public String name() {
        return GreenApiAnswers.PROVIDER;
    }

    @Override
    public String accountKey() {
        return GreenApiAnswers.PROVIDER + ":" + idInstance;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public List<RateLimit> rateLimits(Operation operation) {
        return switch (operation) {
            case ADD -> List.of(limits.addParticipant);
            case REMOVE -> List.of(limits.removeParticipant);
            case INVITE_LINK, MEMBERS -> List.of(limits.getGroupData);
            case SEND_INVITE -> List.of(limits.sendMessage);
            // Paced inside, only when the answer is not cached (a listing's later pages come from it).
            case PRECHECK, ADD_BATCH, GROUPS -> List.of();
            // Green-API pushes no membership events: a watch lists the groups.
            case EVENTS, GROUP_EVENTS -> List.of();
            // Green-API documents no join requests: never called.
            case JOIN_REQUESTS, DECIDE_JOIN_REQUEST, DECIDE_ALL_JOIN_REQUESTS -> List.of();
        };
    }

    @Override
    public void checkGroup(GroupRef group) {
        rules.checkGroup(group);
    }

    @Override
    public void checkMember(Member member) {
        rules.checkPerson(member);
    }

    /**
     * The product's rules.
     *
     * @return the rules
     */
    public ProductRules rules() {
        return rules;
    }

    // ---- the four operations ----

    @Override
    public CompletionStage<AddResult> add(AttemptContext ctx, GroupRef group, Member member) {
        if (rules.product() == io.groupkit.greenapi.GreenApiProduct.WHATSAPP) {
            return add(ctx, AddRequest.of(group, member));
        }
        // A Telegram phone or username, a MAX phone: added by the id checkAccount gives.
        return checks.idOf(ctx, member).thenCompose(resolved -> resolved instanceof InstanceChecks.Resolved.Id id
                ? add(ctx, AddRequest.of(rules, group, member, id.id()))
                : completedStage(asAddResult(((InstanceChecks.Resolved.NoId) resolved).outcome())));
    }

    private static AddResult asAddResult(ActionResult outcome) {
        return outcome instanceof AddResult a ? a : new Unrecognized(outcome.detail());
    }

    private CompletionStage<AddResult> add(AttemptContext ctx, AddRequest add) {
        // Instagram answers true for a member too: the data read before the add tells the two apart.
        boolean listedBefore = rules.trueMayMeanAlreadyMember()
                && groupData.peek(add.group()).map(d -> d.find(add.chatId()).isPresent()).orElse(false);
        AddUnderWay mine = groupData.starting(add);
        // The transport never throws, so the add under way always ends.
        return transport.post(ctx, "addGroupParticipant", add.body()).thenCompose(reply -> {
            Read read = answers.read("addGroupParticipant", reply, Effect.CHANGES, Names.A_GROUP);
            if (read instanceof Failed f) {
                return completedStage(f.as(AddResult.class));
            }
            JsonNode added = ((Json) read).json().path("addParticipant");
            if (added.isBoolean() && added.asBoolean() && listedBefore) {
                return completedStage(new AlreadyMember(answers.detail("addParticipant:true", rules.label()
                        + " answers true for a member too; getGroupData listed the person before the add")));
            }
            if (added.isBoolean() && added.asBoolean()) {
                return completedStage(new Added(answers.detail("addParticipant:true", "")));
            }
            if (added.isBoolean()) {
                // Diagnosed once the other adds of the person to the group have their answers.
                CompletableFuture<Void> othersAnswered = groupData.refused(mine);
                return diagnosis.whyAddRefused(ctx, add, othersAnswered, ((Json) read).json().path("reason").asText(""));
            }
            return completedStage(new Unrecognized(answers.detail("UNEXPECTED_ANSWER", ((Json) read).raw()).withStatus(200)));
        }).whenComplete((outcome, e) -> groupData.ended(mine, outcome));
    }

    @Override
    public CompletionStage<RemoveResult> remove(AttemptContext ctx, GroupRef group, Member member) {
        return checks.idOf(ctx, member).thenCompose(resolved -> resolved instanceof InstanceChecks.Resolved.Id id
                ? remove(ctx, group, id.id())
                : completedStage(asRemoveResult(((InstanceChecks.Resolved.NoId) resolved).outcome())));
    }

    private static RemoveResult asRemoveResult(ActionResult outcome) {
        return outcome instanceof RemoveResult r ? r : new Unrecognized(outcome.detail());
    }

    private CompletionStage<RemoveResult> remove(AttemptContext ctx, GroupRef group, String chatId) {
        Map<String, Object> body = rules.groupBody(group, "participantChatId", chatId);
        return transport.post(ctx, "removeGroupParticipant", body).thenCompose(reply -> {
            Read read = answers.read("removeGroupParticipant", reply, Effect.CHANGES, Names.A_GROUP);
            if (read instanceof Failed f) {
                return completedStage(f.as(RemoveResult.class));
            }
            JsonNode removed = ((Json) read).json().path("removeParticipant");
            if (removed.isBoolean() && removed.asBoolean()) {
                groupData.left(group, chatId);
                return completedStage(new Removed(answers.detail("removeParticipant:true", "")));
            }
            if (removed.isBoolean()) {
                return diagnosis.whyRemovalRefused(ctx, group, chatId);
            }
            return completedStage(new Unrecognized(answers.detail("UNEXPECTED_ANSWER", ((Json) read).raw()).withStatus(200)));
        });
    }

    @Override
    public CompletionStage<InviteLinkResult> inviteLink(AttemptContext ctx, GroupRef group) {
        return groupData.read(group).thenApply(r -> {
            if (r instanceof Refused refused) {
                return (InviteLinkResult) refused.outcome();
            }
            GroupData data = ((Found) r).data();
            if (data.inviteLink().isBlank()) {
                return answers.notAdminHere(answers.detail("EMPTY_INVITE_LINK", "getGroupData gave no groupInviteLink: "
                        + rules.label() + " gives it to admins only" + (rules.product() == io.groupkit.greenapi.GreenApiProduct.WHATSAPP
                        ? "" : ", and none where joining by link is switched off")).withStatus(200));
            }
            if (!rules.isInviteLink(data.inviteLink())) {
                return new Unrecognized(answers.detail("UNEXPECTED_INVITE_LINK", "getGroupData gave a groupInviteLink that"
                        + " is not a " + rules.label() + " invite link").withStatus(200));
            }
            return new InviteLink(answers.detail("groupInviteLink", ""), data.inviteLink());
        });
    }

    @Override
    public CompletionStage<MembersResult> members(AttemptContext ctx, GroupRef group) {
        return groupData.read(group).thenApply(r -> {
            if (r instanceof Refused refused) {
                return (MembersResult) refused.outcome();
            }
            List<GroupMember> people = new ArrayList<>();
            for (GroupData.Participant p : ((Found) r).data().participants()) {
                // A member whose number is hidden now but was paired with a lid before keeps the
                // number: a watch comparing listings sees the same person, not a leave and a join.
                people.add(new GroupMember(rules.listed(groupData.canonical(p.id())), p.role()));
            }
            return new Members(answers.detail("participants", people.size() + " participants"), people);
        });
    }

    /**
     * A phone ({@code 79001234567}), its chat id ({@code 79001234567@c.us}) and the {@code @lid}
     * an answer of this client's paired with the number are one person: {@code phone:79001234567}
     * (and {@code lid:…@lid}). An invitation recorded for a phone thus matches a join the listing
     * names by chat id or by lid.
     */
    @Override
    public Set<String> identities(Member member) {
        if (rules.product() != io.groupkit.greenapi.GreenApiProduct.WHATSAPP) {
            // A phone or username is also the id its look-up found, the id listings name the person by.
            Set<String> keys = new java.util.LinkedHashSet<>();
            keys.add(switch (member.kind()) {
                case PHONE -> "phone:" + member.value();
                case USERNAME -> rules.key("@" + member.value());
                default -> rules.key(member.value());
            });
            checks.knownId(member).ifPresent(id -> keys.add(rules.key(id)));
            return Set.copyOf(keys);
        }
        if (member.kind() != MemberKind.PHONE && member.kind() != MemberKind.CHAT_ID) {
            return MembershipProvider.super.identities(member);
        }
        return groupData.keys(ChatIds.of(member));
    }

    /**
     * Listings name people by number where they can; a lid is matched to a number only where an
     * answer paired them, and an unpaired {@code @lid} never proves absence.
     */
    @Override
    public CompletionStage<MembershipCheck> isMember(AttemptContext ctx, GroupRef group, Member wanted,
                                                     Optional<MembersResult> listing) {
        if (listing.isEmpty() || !(listing.get() instanceof Members m)) {
            return completedStage(MembershipCheck.UNKNOWN);
        }
        Optional<String> known = checks.knownId(wanted);
        if (known.isEmpty()) {
            // A phone or username never looked up: the listing names people by id.
            return completedStage(MembershipCheck.UNKNOWN);
        }
        String wantedId = groupData.canonical(known.get());
        if (m.members().stream().anyMatch(p -> groupData.canonical(p.member().value()).equals(wantedId))) {
            return completedStage(MembershipCheck.PRESENT);
        }
        // A member listed by an unpaired @lid may be the wanted number; an unpaired wanted lid may be
        // any member listed by number.
        boolean hidden = wantedId.endsWith("@lid")
                ? m.members().stream().anyMatch(p -> !groupData.canonical(p.member().value()).endsWith("@lid"))
                : m.members().stream().anyMatch(p -> groupData.canonical(p.member().value()).endsWith("@lid"))
                // Instagram may list by username where the id was asked for, and the other way round.
                || m.members().stream().anyMatch(p -> (p.member().kind() == MemberKind.USERNAME) != wantedId.startsWith("@"));
        return completedStage(hidden ? MembershipCheck.UNKNOWN : MembershipCheck.ABSENT);
    }

    // ---- the instance's groups ----

    /** Cursors are offsets into the sorted list. */
    @Override
    public void checkPage(GroupsPage page) {
        page.offset();
    }

    /**
     * The groups the instance is in, from {@code getChats} (its entries of type {@code group};
     * {@code getContacts} no longer lists groups), sorted by title. The whole list comes in one
     * answer, cached for the group-data lifetime so that later pages cost nothing; a cursor is an
     * offset into it. {@link GroupsPage.Details#LOOKED_UP} adds each group's size, name and the
     * instance's right to add people from {@code getGroupData} (cached, one per second).
     */
    @Override
    public CompletionStage<GroupsResult> groups(AttemptContext ctx, GroupsPage page) {
        int from = page.offset();
        // A first page reads the list afresh; later pages walk the list it read.
        CompletionStage<ChatListing> listing = page.cursor().isEmpty() ? fetchChats(ctx)
                : chats.peek("chats").map(GroupsRead::new).<CompletionStage<ChatListing>>map(CompletableFuture::completedStage)
                .orElseGet(() -> fetchChats(ctx));
        return listing.thenCompose(r -> {
            if (r instanceof ListingRefused refused) {
                return completedStage(refused.outcome());
            }
            List<GroupInfo> all = ((GroupsRead) r).groups();
            List<GroupInfo> slice = all.stream().skip(from).limit(page.limit()).toList();
            int end = from + slice.size();
            Optional<String> next = end < all.size() ? Optional.of(Integer.toString(end)) : Optional.empty();
            ProviderDetail detail = answers.detail("getChats", all.size() + " groups");
            if (page.details() == GroupsPage.Details.AS_LISTED) {
                return completedStage((GroupsResult) new Groups(detail, slice, next));
            }
            CompletionStage<List<GroupInfo>> looked = completedStage(new ArrayList<>());
            for (GroupInfo g : slice) {
                looked = looked.thenCompose(list -> lookedUp(ctx, g).thenApply(info -> {
                    list.add(info);
                    return list;
                }));
            }
            return looked.thenApply(list -> (GroupsResult) new Groups(detail, list, next));
        });
    }

    /** What reading the instance's chat list gave: its groups, or the failure. */
    private sealed interface ChatListing {
    }

    private record GroupsRead(List<GroupInfo> groups) implements ChatListing {
    }

    private record ListingRefused(GroupsResult outcome) implements ChatListing {
    }

    private CompletionStage<ChatListing> fetchChats(AttemptContext ctx) {
        return ctx.pace(limits.getChats).thenCompose(v -> transport.get(ctx, "getChats")).thenApply(reply -> {
            Read read = answers.read("getChats", reply, Effect.SAFE_TO_REPEAT, Names.NO_GROUP);
            if (read instanceof Failed f) {
                return new ListingRefused(f.as(GroupsResult.class));
            }
            JsonNode json = ((Json) read).json();
            if (!json.isArray()) {
                return new ListingRefused(new Unrecognized(answers.detail("UNEXPECTED_ANSWER", ((Json) read).raw())
                        .withStatus(200)));
            }
            List<GroupInfo> groups = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (JsonNode chat : json) {
                Optional<String> id = rules.groupOfChat(chat);
                if (id.isPresent() && seen.add(id.get())) {
                    groups.add(new GroupInfo(GroupRef.of(id.get()), chat.path("name").asText(""), OptionalInt.empty(),
                            GroupInfo.AddRight.UNKNOWN));
                }
            }
            groups.sort(Comparator.comparing((GroupInfo g) -> g.title().toLowerCase(Locale.ROOT))
                    .thenComparing(g -> g.group().key()));
            List<GroupInfo> sorted = List.copyOf(groups);
            chats.put("chats", sorted);
            return new GroupsRead(sorted);
        });
    }

    /** A listed group with what its data tells: size, name, and whether the instance may add people. */
    private CompletionStage<GroupInfo> lookedUp(AttemptContext ctx, GroupInfo listed) {
        return groupData.cached(ctx, listed.group()).thenCompose(lookup -> {
            if (!(lookup instanceof Found found)) {
                return completedStage(listed);
            }
            GroupData data = found.data();
            String title = listed.title().isEmpty() ? data.subject() : listed.title();
            if (data.participantsMayAdd().orElse(false)) {
                return completedStage(new GroupInfo(listed.group(), title, OptionalInt.of(data.memberCount()),
                        GroupInfo.AddRight.YES));
            }
            return checks.isAdmin(ctx, data).thenApply(admin -> new GroupInfo(listed.group(), title,
                    OptionalInt.of(data.memberCount()), admin.map(a -> a ? GroupInfo.AddRight.YES
                    : GroupInfo.AddRight.NO).orElse(GroupInfo.AddRight.UNKNOWN)));
        });
    }

    // ---- ban safety: the state of the instance and the number, before anything is sent ----

    @Override
    public CompletionStage<Optional<AddResult>> precheck(AttemptContext ctx, GroupRef group, Member member) {
        return usable(ctx).thenCompose(blocked -> blocked.isPresent() ? completedStage(blocked)
                : groupRefuses(ctx, group, member)).thenCompose(blocked -> {
            if (blocked.isPresent()) {
                return completedStage(Optional.of(blocked.get()));
            }
            return checks.hasAccount(ctx, member).thenApply(r -> r instanceof Done ? Optional.<AddResult>empty()
                    : Optional.of(asAddResult(r)));
        });
    }

    /**
     * What the group's cached data rules out before anything is sent: a group that does not exist
     * (or that the instance left), a community or its announcement group, a full group. Data that
     * cannot be read rules nothing out.
     */
    private CompletionStage<Optional<AddResult>> groupRefuses(AttemptContext ctx, GroupRef group, Member member) {
        return groupData.cached(ctx, group).thenApply(lookup -> {
            if (lookup instanceof Refused r) {
                return r.groupNotFound() ? Optional.of((AddResult) r.outcome()) : Optional.<AddResult>empty();
            }
            GroupData data = ((Found) lookup).data();
            return switch (data.kind()) {
                case COMMUNITY -> Optional.of(new Unsupported(answers.detail("isCommunity", "getGroupData: the id names a"
                        + " community").withStatus(200).withRemedy("This id is a WhatsApp community, which people join"
                        + " through its groups: add the person to one of the community's groups instead.")));
                case COMMUNITY_ANNOUNCEMENTS -> Optional.of(new Unsupported(answers.detail("isCommunityAnnounce",
                        "getGroupData: the id names a community's announcement group").withStatus(200).withRemedy(
                        "This is a community's announcement group, which holds everyone in the community's groups: add"
                                + " the person to one of the community's groups, and they join it too.")));
                case CHANNEL -> Optional.of(new Unsupported(answers.detail("isChannel", "getGroupData: the id names a"
                        + " channel").withStatus(200).withRemedy("This id is a " + rules.label() + " channel, whose"
                        + " subscribers join by its link: send the person the channel's link instead.")));
                case GROUP -> rules.product() == io.groupkit.greenapi.GreenApiProduct.WHATSAPP
                        && data.memberCount() >= GroupData.MAX_MEMBERS && data.find(ChatIds.of(member)).isEmpty()
                        ? Optional.of(new GroupFull(answers.detail("GROUP_FULL", "getGroupData: " + data.memberCount()
                        + " members, WhatsApp's limit is " + GroupData.MAX_MEMBERS).withStatus(200).withRemedy(
                        "The group has WhatsApp's maximum of " + GroupData.MAX_MEMBERS + " members: remove someone, or"
                                + " add the person to another group (or a community's group).")))
                        : Optional.<AddResult>empty();
            };
        });
    }

    /** The outcome that stops work because of the instance's state, or empty when it may work. */
    private CompletionStage<Optional<AddResult>> usable(AttemptContext ctx) {
        return checks.state(ctx).thenApply(r -> {
            if (!(r instanceof AccountStatus s)) {
                return Optional.of((AddResult) r);
            }
            return switch (s.state()) {
                case AUTHORIZED -> Optional.empty();
                case SPAM_SUSPENDED, BANNED -> Optional.of(new SpamLimited(s.detail().withRemedy(
                        rules.restrictedRemedy(s.state()))));
                case NOT_AUTHORIZED -> Optional.of(new Unauthorized(s.detail().withRemedy(
                        rules.loginRemedy(s.detail().code()))));
                case STARTING -> Optional.of(new Unavailable(s.detail().withRemedy(rules.startingRemedy())));
                case SLEEPING, UNKNOWN -> Optional.of(new Unavailable(s.detail().withRemedy(
                        "The instance is not ready (" + s.detail().code() + "): wait a few minutes"
                        + (rules.product() == io.groupkit.greenapi.GreenApiProduct.WHATSAPP ? ", keep the phone online." : "."))));
            };
        });
    }

    // ---- invite links to people who cannot be added ----

    @Override
    public CompletionStage<ActionResult> sendInvite(AttemptContext ctx, GroupRef group, Member member, InviteLink link) {
        return checks.idOf(ctx, member).thenCompose(resolved -> resolved instanceof InstanceChecks.Resolved.Id id
                ? sendInvite(ctx, id.id(), link) : completedStage(((InstanceChecks.Resolved.NoId) resolved).outcome()));
    }

    private CompletionStage<ActionResult> sendInvite(AttemptContext ctx, String chatId, InviteLink link) {
        Map<String, Object> body = Map.of("chatId", chatId, "message", inviteMessage + " " + link.url());
        return transport.post(ctx, "sendMessage", body).thenApply(reply -> {
            Read read = answers.read("sendMessage", reply, Effect.CHANGES, Names.NO_GROUP);
            if (read instanceof Failed f) {
                return f.as(ActionResult.class);
            }
            Json j = (Json) read;
            return j.json().path("idMessage").isTextual() ? new Done(answers.detail("SENT", "sendMessage: the link was sent"))
                    : new Unrecognized(answers.detail("UNEXPECTED_ANSWER", j.raw()).withStatus(200));
        });
    }

    @Override
    public String toString() {
        return "GreenApiProvider[" + transport + "]";
    }
}
