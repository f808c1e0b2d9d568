package io.groupkit.bitrix24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.bitrix24.CrmChat;
import io.groupkit.bitrix24.ImChat;
import io.groupkit.core.GroupMember;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MemberRole;
import io.groupkit.core.Members;
import io.groupkit.core.MembersResult;
import io.groupkit.core.Outcome;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.internal.FreshReads;
import io.groupkit.core.internal.Stages;
import io.groupkit.core.spi.Effect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The members of the chat behind a group ({@code im.chat.user.list}), for the caller and for
 * telling Bitrix24's answers apart; a CRM item named without its chat is looked up first
 * ({@code imopenlines.crm.chat.getLastId}). Every user a chat lists is remembered as active, and
 * every CRM item's chat it resolves is remembered ({@link CrmChats}) so that pushed events about that
 * chat reach a watch of the CRM item too.
 */
final class ChatLookup {
    static final String IM_LIST = "im.chat.user.list";
    static final String CRM_LAST_ID = "imopenlines.crm.chat.getLastId";

    private final BitrixTransport transport;
    private final BitrixAnswers answers;
    private final TimeBudgets budgets;
    private final ActiveUsers activeUsers;
    private final FreshReads<GroupRef, MembersResult> readBacks = new FreshReads<>();
    private final CrmChats crmChats = new CrmChats();

    ChatLookup(BitrixTransport transport, BitrixAnswers answers, TimeBudgets budgets, ActiveUsers activeUsers) {
        this.transport = transport;
        this.answers = answers;
        this.budgets = budgets;
        this.activeUsers = activeUsers;
    }

    /**
     * The chat's members for reading back the answers to one request, read on the first call only
     * and shared by every later call: every person of one answer who needs them costs one listing
     * together (a batch of 50, one listing). The listing is also shared with the other answers about
     * the same chat that need one at the same time, but only by a listing sent after the first call
     * ({@link FreshReads}): a listing already under way when this answer came may have been read
     * before the add took effect. So 50 concurrent single adds to one chat cost a few listings, not
     * 50. A shared listing never blocks a thread (whoever's attempt it is paced on).
     */
    Supplier<CompletionStage<MembersResult>> membersOnce(PortalPermits permits, GroupRef group) {
        return Stages.once(() -> shared(permits, group),
                e -> new Unavailable(answers.detail("LISTING_FAILED", String.valueOf(e))));
    }

    /**
     * The chat's members, by a listing sent no earlier than this call and shared with everyone
     * else who needs one of this chat at the same time ({@link FreshReads}): a caller's listing, a
     * watch's, the read-backs of adds. One listing serves them all; none of them is served by a
     * listing that started before they asked.
     */
    CompletionStage<MembersResult> shared(PortalPermits permits, GroupRef group) {
        PortalPermits nonBlocking = permits.nonBlocking();
        return readBacks.read(group, () -> members(nonBlocking, group))
                .exceptionally(e -> new Unavailable(answers.detail("LISTING_FAILED", String.valueOf(Stages.unwrap(e)))));
    }

    /** The CRM items' chats resolved so far. */
    CrmChats crmChats() {
        return crmChats;
    }

    /** The members of the chat behind a group (a CRM item's last chat if none is named). */
    CompletionStage<MembersResult> members(PortalPermits permits, GroupRef group) {
        return chatId(permits, group).thenCompose(id -> {
            if (id instanceof Outcome o) {
                return CompletableFuture.completedStage(answers.outcome(MembersResult.class, new BitrixAnswers.Failed(o),
                        IM_LIST, Effect.SAFE_TO_REPEAT));
            }
            long chat = (Long) id;
            if (group instanceof CrmChat crm) {
                crmChats.resolved(crm, chat);
            }
            return transport.call(IM_LIST, Map.of("CHAT_ID", chat), permits).thenApply(reply -> {
                BitrixAnswers.Read read = budgets.observe(IM_LIST, answers.read(IM_LIST, reply, Effect.SAFE_TO_REPEAT));
                if (read instanceof BitrixAnswers.Result r && r.result().isArray()) {
                    List<Long> ids = new ArrayList<>();
                    for (JsonNode entry : r.result()) {
                        OptionalLong user = BitrixAnswers.positiveId(entry);
                        if (user.isEmpty()) {
                            // One entry that is not a user id makes the whole listing doubtful: read as
                            // members, the rest would report everyone it dropped as gone.
                            String text = String.valueOf(entry);
                            return new Unrecognized(answers.detail("UNEXPECTED_RESULT", "a listing of " + r.result().size()
                                    + " entries holds one that is not a user id: "
                                    + (text.length() > 60 ? text.substring(0, 60) + "…" : text)).withStatus(200));
                        }
                        ids.add(user.getAsLong());
                    }
                    List<GroupMember> people = new ArrayList<>();
                    for (long user : ids) {
                        people.add(new GroupMember(Member.userId(user), MemberRole.MEMBER));
                        activeUsers.markActive(user);
                    }
                    return (MembersResult) new Members(answers.detail("result", people.size() + " members"), people);
                }
                if (read instanceof BitrixAnswers.Result r) {
                    return answers.unexpectedResult(r.result());
                }
                return answers.outcome(MembersResult.class, read, IM_LIST, Effect.SAFE_TO_REPEAT);
            });
        });
    }

    /** A chat id ({@code Long}) or the outcome that says why there is none. */
    private CompletionStage<Object> chatId(PortalPermits permits, GroupRef group) {
        if (group instanceof ImChat im) {
            return CompletableFuture.completedStage(im.chatId());
        }
        CrmChat crm = (CrmChat) group;
        if (crm.chatId().isPresent()) {
            return CompletableFuture.completedStage(crm.chatId().getAsLong());
        }
        return transport.call(CRM_LAST_ID, Map.of("CRM_ENTITY_TYPE", crm.type().wireName(), "CRM_ENTITY", crm.entityId()),
                permits).thenApply(reply -> {
                    BitrixAnswers.Read read = budgets.observe(CRM_LAST_ID,
                            answers.read(CRM_LAST_ID, reply, Effect.SAFE_TO_REPEAT));
                    if (read instanceof BitrixAnswers.Result r && BitrixAnswers.id(r.result()).isPresent()) {
                        long id = BitrixAnswers.id(r.result()).getAsLong();
                        return id > 0 ? (Object) id : answers.noOpenLineChat();
                    }
                    return answers.outcome(MembersResult.class, read, CRM_LAST_ID, Effect.SAFE_TO_REPEAT);
                });
    }
}
