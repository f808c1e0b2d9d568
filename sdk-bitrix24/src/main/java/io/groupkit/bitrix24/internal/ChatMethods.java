package io.groupkit.bitrix24.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.bitrix24.CrmChat;
import io.groupkit.bitrix24.CrmChatFilter;
import io.groupkit.bitrix24.CrmChatInfo;
import io.groupkit.bitrix24.ImChat;
import io.groupkit.core.AccessDenied;
import io.groupkit.core.ActionResult;
import io.groupkit.core.Done;
import io.groupkit.core.Member;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Effect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The chat methods {@link io.groupkit.bitrix24.Bitrix24Client} offers besides membership:
 * {@code im.chat.setOwner}, {@code im.chat.leave} and {@code imopenlines.crm.chat.get}, one request
 * each, paced by the portal's bucket.
 */
public final class ChatMethods {
    private final BitrixTransport transport;
    private final BitrixAnswers answers;
    private final TimeBudgets budgets;
    private final RateLimit portal;

    /**
     * The chat methods of one portal.
     *
     * @param transport the portal's transport
     * @param answers the portal's answer reader
     * @param budgets the portal's method time budgets
     * @param portal the portal's leaky bucket
     */
    public ChatMethods(BitrixTransport transport, BitrixAnswers answers, TimeBudgets budgets, RateLimit portal) {
        this.transport = transport;
        this.answers = answers;
        this.budgets = budgets;
        this.portal = portal;
    }

    /**
     * What paces each of these methods: the portal's bucket.
     *
     * @return the limits
     */
    public List<RateLimit> limits() {
        return List.of(portal);
    }

    /**
     * {@code im.chat.setOwner}: only the current owner may hand ownership over.
     *
     * @param ctx the attempt, paced for one request
     * @param chat the chat
     * @param user the new owner
     * @return {@link Done}, {@link AccessDenied} if the caller is not the owner, or a failure
     */
    public CompletionStage<ActionResult> setOwner(AttemptContext ctx, ImChat chat, Member user) {
        return simple(ctx, "im.chat.setOwner", Map.of("CHAT_ID", chat.chatId(), "USER_ID", Long.parseLong(user.value())),
                "Only the chat's current owner may hand ownership over: call it with the owner's webhook or token.");
    }

    /**
     * {@code im.chat.leave}.
     *
     * @param ctx the attempt, paced for one request
     * @param chat the chat
     * @return {@link Done} or a failure
     */
    public CompletionStage<ActionResult> leave(AttemptContext ctx, ImChat chat) {
        return simple(ctx, "im.chat.leave", Map.of("CHAT_ID", chat.chatId()), BitrixAnswers.RIGHTS_REMEDY);
    }

    private CompletionStage<ActionResult> simple(AttemptContext ctx, String method, Map<String, Object> params,
                                                 String wrongRequestRemedy) {
        return transport.call(method, params, PortalPermits.firstPaid(ctx, portal)).thenApply(reply -> {
            BitrixAnswers.Read read = budgets.observe(method, answers.read(method, reply, Effect.CHANGES));
            if (read instanceof BitrixAnswers.Result r && r.result().isBoolean() && r.result().asBoolean()) {
                return new Done(answers.detail("result:true", ""));
            }
            if (read instanceof BitrixAnswers.Error e && e.code().equals("WRONG_REQUEST")) {
                return new AccessDenied(e.detail().withRemedy(wrongRequestRemedy));
            }
            if (read instanceof BitrixAnswers.Result r) {
                return new Unrecognized(answers.detail("UNEXPECTED_RESULT", String.valueOf(r.result())));
            }
            return answers.outcome(ActionResult.class, read, method, Effect.CHANGES);
        });
    }

    /**
     * {@code imopenlines.crm.chat.get}: a CRM item's open-line chats.
     *
     * @param ctx the attempt, paced for one request
     * @param item the CRM item (its chat id, if any, is ignored)
     * @param which only the chats still open, or all
     * @param found receives the chats when the call succeeds
     * @return {@link Done} with the chats in {@code found}, or a failure
     */
    public CompletionStage<ActionResult> crmChats(AttemptContext ctx, CrmChat item, CrmChatFilter which,
                                                  Consumer<List<CrmChatInfo>> found) {
        String method = "imopenlines.crm.chat.get";
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("CRM_ENTITY_TYPE", item.type().wireName());
        p.put("CRM_ENTITY", item.entityId());
        p.put("ACTIVE_ONLY", which == CrmChatFilter.ACTIVE ? "Y" : "N");
        return transport.call(method, p, PortalPermits.firstPaid(ctx, portal)).thenApply(reply -> {
            BitrixAnswers.Read read = budgets.observe(method, answers.read(method, reply, Effect.SAFE_TO_REPEAT));
            if (read instanceof BitrixAnswers.Result r && r.result().isArray()) {
                List<CrmChatInfo> chats = new ArrayList<>();
                for (JsonNode c : r.result()) {
                    // The docs type CHAT_ID as a string ("9852").
                    OptionalLong chat = BitrixAnswers.positiveId(c.path("CHAT_ID"));
                    if (chat.isPresent()) {
                        chats.add(new CrmChatInfo(ImChat.of(chat.getAsLong()),
                                c.path("CONNECTOR_ID").asText(""), c.path("CONNECTOR_TITLE").asText("")));
                    }
                }
                found.accept(List.copyOf(chats));
                return new Done(answers.detail("result", chats.size() + " chats"));
            }
            if (read instanceof BitrixAnswers.Result r) {
                return answers.unexpectedResult(r.result());
            }
            return answers.outcome(ActionResult.class, read, method, Effect.SAFE_TO_REPEAT);
        });
    }

    @Override
    public String toString() {
        return "ChatMethods[" + transport + "]";
    }
}
