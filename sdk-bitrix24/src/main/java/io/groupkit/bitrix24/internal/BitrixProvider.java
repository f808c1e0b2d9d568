package io.groupkit.bitrix24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.bitrix24.CrmChat;
import io.groupkit.bitrix24.ImChat;
import io.groupkit.core.AddResult;
import io.groupkit.core.EventsResult;
import io.groupkit.core.GroupInfo;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Groups;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.GroupsResult;
import io.groupkit.core.Indeterminate;
import io.groupkit.core.InviteLinkResult;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.Members;
import io.groupkit.core.MembersResult;
import io.groupkit.core.RateLimited;
import io.groupkit.core.RemoveResult;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.Unsupported;
import io.groupkit.core.events.EventKind;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Capabilities;
import io.groupkit.core.spi.Effect;
import io.groupkit.core.spi.MembershipCheck;
import io.groupkit.core.spi.MembershipProvider;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.time.TimeSource;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Bitrix24 as a {@link MembershipProvider}: open-line CRM chats and messenger chats, one REST call
 * per attempt (a {@code batch} of up to 50 for bulk adds), each method's time budget watched. What
 * an add's or a removal's answer means is {@link Diagnosis}'s, which tells {@code WRONG_REQUEST}
 * apart by listing the chat ({@link ChatLookup}).
 */
public final class BitrixProvider implements MembershipProvider {
    static final String CRM_ADD = "imopenlines.crm.chat.user.add";
    static final String CRM_DELETE = "imopenlines.crm.chat.user.delete";
    static final String IM_ADD = "im.chat.user.add";
    static final String IM_DELETE = "im.chat.user.delete";
    static final String RECENT_LIST = "im.recent.list";
    /** im.recent.list's largest page. */
    static final int RECENT_LIST_MAX = 200;

    private static final Capabilities CAPABILITIES = capabilities(true);
    private static final Capabilities LISTINGS_ONLY = capabilities(false);

    private final BitrixTransport transport;
    private final BitrixAnswers answers;
    private final String accountKey;
    private final RateLimit portal;
    private final TimeBudgets budgets;
    private final ChatLookup lookup;
    private final Diagnosis diagnosis;
    private final ChatEvents events;
    private final boolean pushedEvents;

    /**
     * A provider for one portal.
     *
     * @param transport the portal's transport
     * @param answers the portal's answer reader
     * @param budgets the portal's method time budgets
     * @param portalHost the portal's host, naming the shared request budget
     * @param portal the portal's leaky bucket
     * @param time the clock
     * @param pushedEvents whether watches read the user's im.v2 events (else listings only)
     */
    public BitrixProvider(BitrixTransport transport, BitrixAnswers answers, TimeBudgets budgets, String portalHost,
                          RateLimit portal, TimeSource time, boolean pushedEvents) {
        this.pushedEvents = pushedEvents;
        this.transport = transport;
        this.answers = answers;
        this.budgets = budgets;
        this.accountKey = BitrixAnswers.PROVIDER + ":" + portalHost;
        this.portal = portal;
        ActiveUsers activeUsers = new ActiveUsers(time);
        this.lookup = new ChatLookup(transport, answers, budgets, activeUsers);
        this.diagnosis = new Diagnosis(answers, lookup, activeUsers);
        this.events = new ChatEvents(transport, answers, budgets, lookup.crmChats(), time);
    }

    @Override
    public String name() {
        return BitrixAnswers.PROVIDER;
    }

    /** Every client of one portal shares its bucket: the key is the portal, not the user. */
    @Override
    public String accountKey() {
        return accountKey;
    }

    @Override
    public Capabilities capabilities() {
        return pushedEvents ? CAPABILITIES : LISTINGS_ONLY;
    }

    private static Capabilities capabilities(boolean pushedEvents) {
        Capabilities.Builder b = Capabilities.builder()
                .memberKinds(MemberKind.USER_ID)
                .operations(Operation.ADD, Operation.REMOVE, Operation.MEMBERS, Operation.GROUPS)
                .groupRefType(CrmChat.class).groupRefType(ImChat.class)
                .batches(50)
                // im.chat.user.list gives ids without roles, and no event exists for a leave or a role:
                // joins (pushed and listed) and leaves (listed) only.
                .eventKinds(EventKind.JOINED, EventKind.LEFT);
        if (pushedEvents) {
            b.operations(Operation.EVENTS);
        }
        return b.build();
    }

    @Override
    public List<RateLimit> rateLimits(Operation operation) {
        return switch (operation) {
            case ADD -> List.of(portal, TimeBudgets.limit(CRM_ADD), TimeBudgets.limit(IM_ADD));
            case REMOVE -> List.of(portal, TimeBudgets.limit(CRM_DELETE), TimeBudgets.limit(IM_DELETE));
            case MEMBERS -> List.of(portal, TimeBudgets.limit(ChatLookup.IM_LIST));
            case GROUPS -> List.of(portal, TimeBudgets.limit(RECENT_LIST));
            case EVENTS -> List.of(portal, TimeBudgets.limit(ChatEvents.GET));
            case ADD_BATCH -> List.of(portal, TimeBudgets.limit("batch"));
            default -> List.of(portal);
        };
    }

    @Override
    public void checkMember(Member member) {
        try {
            if (Long.parseLong(member.value()) > 0) {
                return;
            }
        } catch (NumberFormatException notNumeric) {
            // fall through
        }
        throw new IllegalArgumentException("expected a Bitrix24 user or bot id (a positive number), got " + member);
    }

    // ---- add ----

    @Override
    public CompletionStage<AddResult> add(AttemptContext ctx, GroupRef group, Member member) {
        String method = group instanceof CrmChat ? CRM_ADD : IM_ADD;
        Map<String, Object> params = addParams(group, member);
        PortalPermits permits = PortalPermits.firstPaid(ctx, portal);
        return send(method, params, permits, Effect.CHANGES)
                .thenCompose(read -> diagnosis.addOutcome(group, member, method, read,
                        lookup.membersOnce(permits, group)));
    }

    private static Map<String, Object> addParams(GroupRef group, Member member) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (group instanceof CrmChat crm) {
            p.put("CRM_ENTITY_TYPE", crm.type().wireName());
            p.put("CRM_ENTITY", crm.entityId());
            p.put("USER_ID", Long.parseLong(member.value()));
            crm.chatId().ifPresent(id -> p.put("CHAT_ID", id));
        } else {
            p.put("CHAT_ID", ((ImChat) group).chatId());
            p.put("USERS", List.of(Long.parseLong(member.value())));
        }
        return p;
    }

    // ---- remove ----

    @Override
    public CompletionStage<RemoveResult> remove(AttemptContext ctx, GroupRef group, Member member) {
        String method = group instanceof CrmChat ? CRM_DELETE : IM_DELETE;
        Map<String, Object> params = removeParams(group, member);
        PortalPermits permits = PortalPermits.firstPaid(ctx, portal);
        return send(method, params, permits, Effect.CHANGES)
                .thenCompose(read -> diagnosis.removeOutcome(permits, group, member, method, read));
    }

    private static Map<String, Object> removeParams(GroupRef group, Member member) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (group instanceof CrmChat crm) {
            p.put("CRM_ENTITY_TYPE", crm.type().wireName());
            p.put("CRM_ENTITY", crm.entityId());
            crm.chatId().ifPresent(id -> p.put("CHAT_ID", id));
        } else {
            p.put("CHAT_ID", ((ImChat) group).chatId());
        }
        p.put("USER_ID", Long.parseLong(member.value()));
        return p;
    }

    // ---- members ----

    /**
     * {@code im.chat.user.list}, by a listing shared with everyone else who needs this chat's members
     * at the same time (a watch, the read-backs of adds), never one sent before this call.
     */
    @Override
    public CompletionStage<MembersResult> members(AttemptContext ctx, GroupRef group) {
        return lookup.shared(PortalPermits.firstPaid(ctx, portal), group);
    }

    // ---- events ----

    /**
     * The user's messenger events ({@code im.v2.Event.subscribe} once per process, then
     * {@code im.v2.Event.get} after the cursor): each {@code ONIMV2JOINCHAT} becomes a pushed
     * {@link io.groupkit.core.events.Joined} ({@code ADDED}, at the event's time) under the chat's
     * {@link ImChat} key and under every {@link CrmChat} last listed as that chat. Reading with an
     * offset confirms and removes the events before it for every application of this user.
     */
    @Override
    public CompletionStage<EventsResult> events(AttemptContext ctx, Optional<String> cursor) {
        return events.read(PortalPermits.firstPaid(ctx, portal), cursor);
    }

    @Override
    public CompletionStage<MembershipCheck> isMember(AttemptContext ctx, GroupRef group, Member wanted,
                                                     Optional<MembersResult> listing) {
        // An empty list may mean "no right to see the members", not an empty chat.
        if (listing.isPresent() && listing.get() instanceof Members m && m.members().isEmpty()) {
            return CompletableFuture.completedStage(MembershipCheck.UNKNOWN);
        }
        return MembershipProvider.super.isMember(ctx, group, wanted, listing);
    }

    // ---- the chats the caller is in ----

    /** Cursors are im.recent.list offsets. */
    @Override
    public void checkPage(GroupsPage page) {
        page.offset();
    }

    /**
     * The group chats the user behind the webhook or app is in, from {@code im.recent.list}
     * ({@code SKIP_DIALOG=Y}; open-line chats included, as they are the CRM's chats), most recent
     * first. Pages are the method's own: {@code OFFSET} grows by {@code LIMIT} (at most 200), and
     * {@code hasMore} tells whether another page follows; pages may overlap, so one page lists a
     * chat once and {@code groups()} once over all pages.
     */
    @Override
    public CompletionStage<GroupsResult> groups(AttemptContext ctx, GroupsPage page) {
        int offset = page.offset();
        int limit = Math.min(page.limit(), RECENT_LIST_MAX);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("SKIP_DIALOG", "Y");
        p.put("OFFSET", offset);
        p.put("LIMIT", limit);
        return send(RECENT_LIST, p, PortalPermits.firstPaid(ctx, portal), Effect.SAFE_TO_REPEAT).thenApply(read -> {
            if (!(read instanceof BitrixAnswers.Result r)) {
                return answers.outcome(GroupsResult.class, read, RECENT_LIST, Effect.SAFE_TO_REPEAT);
            }
            JsonNode items = r.result().path("items");
            if (!items.isArray()) {
                return new Unrecognized(answers.detail("UNEXPECTED_RESULT", clip(r.result())).withStatus(200));
            }
            Map<Long, GroupInfo> chats = new LinkedHashMap<>();
            for (JsonNode item : items) {
                OptionalLong chat = BitrixAnswers.positiveId(item.path("chat_id"));
                if (!"chat".equals(item.path("type").asText("")) || chat.isEmpty()) {
                    continue;
                }
                JsonNode c = item.path("chat");
                String title = item.path("title").asText(c.path("name").asText(""));
                OptionalLong members = BitrixAnswers.id(c.path("user_counter"));
                chats.putIfAbsent(chat.getAsLong(), new GroupInfo(ImChat.of(chat.getAsLong()), title,
                        members.isPresent() ? OptionalInt.of((int) Math.min(Integer.MAX_VALUE, members.getAsLong()))
                                : OptionalInt.empty(), addRight(c)));
            }
            boolean more = r.result().path("hasMore").asBoolean(r.result().path("hasMorePages").asBoolean(false));
            return new Groups(answers.detail("result", chats.size() + " chats"), List.copyOf(chats.values()),
                    more ? Optional.of(Integer.toString(offset + limit)) : Optional.empty());
        });
    }

    /**
     * Whether the caller may add people: its {@code role} in the chat must reach what
     * {@code permissions.manage_users_add} asks, and {@code restrictions.extend} must allow adding.
     */
    private static GroupInfo.AddRight addRight(JsonNode chat) {
        JsonNode extend = chat.path("restrictions").path("extend");
        if (extend.isBoolean() && !extend.asBoolean()) {
            return GroupInfo.AddRight.NO;
        }
        int role = rank(chat.path("role").asText(""));
        int needed = rank(chat.path("permissions").path("manage_users_add").asText(""));
        if (role < 0 || needed < 0) {
            return GroupInfo.AddRight.UNKNOWN;
        }
        return role >= needed ? GroupInfo.AddRight.YES : GroupInfo.AddRight.NO;
    }

    private static int rank(String role) {
        return switch (role.toLowerCase(java.util.Locale.ROOT)) {
            case "member" -> 1;
            case "manager" -> 2;
            case "owner" -> 3;
            case "none", "guest" -> 0;
            default -> -1;
        };
    }

    private static String clip(JsonNode node) {
        String text = String.valueOf(node);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    @Override
    public CompletionStage<InviteLinkResult> inviteLink(AttemptContext ctx, GroupRef group) {
        return CompletableFuture.completedStage(new Unsupported(answers.detail("NO_INVITE_LINKS",
                "Bitrix24 REST has no chat invite links")));
    }

    // ---- batch ----

    @Override
    public CompletionStage<List<AddResult>> addBatch(AttemptContext ctx, GroupRef group, List<Member> members) {
        String method = group instanceof CrmChat ? CRM_ADD : IM_ADD;
        Map<String, String> cmd = new LinkedHashMap<>();
        for (int i = 0; i < members.size(); i++) {
            cmd.put("u" + i, method + "?" + query(addParams(group, members.get(i))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("halt", 0);
        body.put("cmd", cmd);
        PortalPermits permits = PortalPermits.firstPaid(ctx, portal);
        return send("batch", body, permits, Effect.CHANGES).thenCompose(read -> {
            if (!(read instanceof BitrixAnswers.Result r) || !r.result().isObject()) {
                AddResult whole = read instanceof BitrixAnswers.Result ? new Indeterminate(
                        answers.detail("UNEXPECTED_RESULT", "the batch answer has no per-command results"))
                        : answers.outcome(AddResult.class, read, "batch", Effect.CHANGES);
                return CompletableFuture.completedStage(members.stream().map(m -> whole).toList());
            }
            Supplier<CompletionStage<MembersResult>> listing = lookup.membersOnce(permits, group);
            List<CompletableFuture<AddResult>> each = new ArrayList<>();
            for (int i = 0; i < members.size(); i++) {
                BitrixAnswers.Read one = answers.command(r, "u" + i);
                each.add(diagnosis.addOutcome(group, members.get(i), method, one, listing).toCompletableFuture());
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                    .thenApply(x -> each.stream().map(CompletableFuture::join).toList());
        });
    }

    private static String query(Map<String, Object> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> {
            if (v instanceof List<?> list) {
                for (Object item : list) {
                    append(q, k + "[]", item);
                }
            } else {
                append(q, k, v);
            }
        });
        return q.toString();
    }

    private static void append(StringBuilder q, String key, Object value) {
        if (q.length() > 0) {
            q.append('&');
        }
        q.append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8));
    }

    /**
     * One method's request, unless the method has spent its time budget: then nothing is sent and
     * the read is that {@link RateLimited}. The answer's report of the budget is kept.
     */
    private CompletionStage<BitrixAnswers.Read> send(String method, Map<String, ?> params, PortalPermits permits,
                                                     Effect effect) {
        Optional<RateLimited> paused = budgets.paused(method);
        if (paused.isPresent()) {
            return CompletableFuture.completedStage(new BitrixAnswers.Failed(paused.get()));
        }
        return transport.call(method, params, permits)
                .thenApply(reply -> budgets.observe(method, answers.read(method, reply, effect)));
    }

    @Override
    public String toString() {
        return "BitrixProvider[" + transport + "]";
    }
}
