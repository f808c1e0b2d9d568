package io.groupkit.bitrix24;

import io.groupkit.core.GroupRef;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The open-line chat of a CRM item, as {@code imopenlines.crm.chat.user.add} addresses it: the
 * item, and optionally which of its chats (by default Bitrix24 takes the item's last chat).
 *
 * @param type the item's type
 * @param entityId the item's id
 * @param chatId the chat, if not the item's last one
 */
public record CrmChat(CrmEntityType type, long entityId, OptionalLong chatId) implements GroupRef {
    /**
     * Checks the fields.
     *
     * @param type the item's type
     * @param entityId positive
     * @param chatId positive if present
     */
    public CrmChat {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(chatId, "chatId must not be null (use OptionalLong.empty())");
        if (entityId <= 0) {
            throw new IllegalArgumentException("expected a positive CRM item id, got " + entityId);
        }
        if (chatId.isPresent() && chatId.getAsLong() <= 0) {
            throw new IllegalArgumentException("expected a positive chat id, got " + chatId.getAsLong());
        }
    }

    /**
     * The last chat of a CRM item.
     *
     * @param type the item's type
     * @param entityId the item's id
     * @return the reference
     */
    public static CrmChat of(CrmEntityType type, long entityId) {
        return new CrmChat(type, entityId, OptionalLong.empty());
    }

    /**
     * A given chat of this CRM item.
     *
     * @param id the chat's id
     * @return a copy
     */
    public CrmChat withChat(long id) {
        return new CrmChat(type, entityId, OptionalLong.of(id));
    }

    @Override
    public String key() {
        return "crm:" + type.wireName() + ":" + entityId + (chatId.isPresent() ? ":chat" + chatId.getAsLong() : "");
    }
}
