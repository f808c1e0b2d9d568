package io.groupkit.bitrix24;

/** Which of a CRM item's open-line chats {@link Bitrix24Client#crmChats} lists ({@code ACTIVE_ONLY}). */
public enum CrmChatFilter {
    /** Only the chats still open ({@code ACTIVE_ONLY=Y}). */
    ACTIVE,
    /** Every chat, closed ones too ({@code ACTIVE_ONLY=N}). */
    ALL
}
