package io.groupkit.telegram.bot;

import io.groupkit.core.GroupRef;

/**
 * A group or supergroup as a bot knows it: by its Bot API chat id (supergroups {@code -100…},
 * basic groups another negative number).
 *
 * @param chatId the chat id, negative
 */
public record TelegramBotChat(long chatId) implements GroupRef {
    /**
     * Checks the id.
     *
     * @param chatId the chat id
     */
    public TelegramBotChat {
        if (chatId >= 0) {
            throw new IllegalArgumentException("expected a group's Bot API chat id, which is negative (supergroups -100…), got "
                    + chatId);
        }
    }

    /**
     * A chat by its Bot API id.
     *
     * @param chatId such as {@code -1001234567890}
     * @return the reference
     */
    public static TelegramBotChat of(long chatId) {
        return new TelegramBotChat(chatId);
    }

    @Override
    public String key() {
        return "bot-chat:" + chatId;
    }
}
