package io.groupkit.bitrix24;

import io.groupkit.bitrix24.internal.BitrixProvider;
import io.groupkit.bitrix24.internal.ChatMethods;
import io.groupkit.core.ActionResult;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.spi.ProviderClient;
import io.groupkit.core.spi.Effect;
import java.util.List;
import java.util.Objects;

/**
 * Group membership at one Bitrix24 portal: open-line CRM chats ({@link CrmChat}) and messenger
 * chats ({@link ImChat}); members are Bitrix24 user or bot ids ({@code Member.userId(42)}). Invite
 * links are {@link io.groupkit.core.Unsupported}: Bitrix24 REST has none. Bulk adds go out as
 * {@code batch} requests of up to 50. Immutable and thread-safe.
 */
public final class Bitrix24Client extends ProviderClient {
    private final BitrixProvider provider;
    private final ChatMethods chats;

    Bitrix24Client(BitrixProvider provider, ChatMethods chats, Policies policies) {
        super(provider, policies);
        this.provider = provider;
        this.chats = chats;
    }

    /**
     * Makes a user the chat's owner ({@code im.chat.setOwner}), the fix for
     * {@link io.groupkit.core.AccessDeniedExtend}: only the current owner may call it.
     *
     * @param chat the chat
     * @param newOwner the user or bot
     * @return {@link io.groupkit.core.Done}, {@link io.groupkit.core.AccessDenied}, or a failure
     */
    public ActionResult setOwner(ImChat chat, Member newOwner) {
        Objects.requireNonNull(chat, "chat must not be null");
        Objects.requireNonNull(newOwner, "newOwner must not be null");
        provider.checkMember(newOwner);
        return executeAndWait("im.chat.setOwner", chats.limits(), Effect.CHANGES,
                ctx -> chats.setOwner(ctx, chat, newOwner));
    }

    /**
     * A CRM item's open-line chats ({@code imopenlines.crm.chat.get}), for choosing which one to
     * address with {@link CrmChat#withChat(long)} or as an {@link ImChat}.
     *
     * @param item the CRM item
     * @param which only the chats still open, or all
     * @return the chats, or why there are none
     */
    public CrmChatsResult crmChats(CrmChat item, CrmChatFilter which) {
        Objects.requireNonNull(item, "item must not be null");
        Objects.requireNonNull(which, "which must not be null (CrmChatFilter.ACTIVE or ALL)");
        java.util.concurrent.atomic.AtomicReference<List<CrmChatInfo>> found = new java.util.concurrent.atomic.AtomicReference<>();
        ActionResult r = executeAndWait("imopenlines.crm.chat.get", chats.limits(), Effect.SAFE_TO_REPEAT,
                ctx -> chats.crmChats(ctx, item, which, found::set));
        return r instanceof io.groupkit.core.Done done && found.get() != null
                ? new CrmChatsResult.Found(done.detail(), found.get()) : new CrmChatsResult.Failed(r);
    }

    /**
     * Leaves a chat ({@code im.chat.leave}).
     *
     * @param chat the chat
     * @return {@link io.groupkit.core.Done} or a failure
     */
    public ActionResult leave(ImChat chat) {
        Objects.requireNonNull(chat, "chat must not be null");
        return executeAndWait("im.chat.leave", chats.limits(), Effect.CHANGES, ctx -> chats.leave(ctx, chat));
    }

    @Override
    public String toString() {
        return "Bitrix24Client[" + provider + "]";
    }
}
