package io.groupkit.bitrix24;

import io.groupkit.core.GroupRef;

/**
 * A Bitrix24 messenger chat, as {@code im.chat.user.add} addresses it.
 *
 * @param chatId the chat's id
 */
public record ImChat(long chatId) implements GroupRef {
    /**
     * Checks the id.
     *
     * @param chatId positive
     */
    public ImChat {
        if (chatId <= 0) {
            throw new IllegalArgumentException("expected a positive chat id, got " + chatId);
        }
    }

    /**
     * A chat by id.
     *
     * @param chatId the id
     * @return the reference
     */
    public static ImChat of(long chatId) {
        return new ImChat(chatId);
    }

    @Override
    public String key() {
        return "chat" + chatId;
    }
}
