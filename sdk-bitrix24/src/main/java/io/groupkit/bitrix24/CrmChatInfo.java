package io.groupkit.bitrix24;

import java.util.Objects;

/**
 * One open-line chat of a CRM item, as {@code imopenlines.crm.chat.get} lists it.
 *
 * @param chat the chat, usable with {@link Bitrix24Client#add}
 * @param connectorId the open line's connector, such as {@code whatsapp}
 * @param connectorTitle the connector's title
 */
public record CrmChatInfo(ImChat chat, String connectorId, String connectorTitle) {
    /**
     * Checks the fields.
     *
     * @param chat the chat
     * @param connectorId the connector id; may be empty
     * @param connectorTitle the title; may be empty
     */
    public CrmChatInfo {
        Objects.requireNonNull(chat, "chat must not be null");
        Objects.requireNonNull(connectorId, "connectorId must not be null");
        Objects.requireNonNull(connectorTitle, "connectorTitle must not be null");
    }
}
