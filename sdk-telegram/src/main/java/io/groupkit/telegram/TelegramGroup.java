package io.groupkit.telegram;

import io.groupkit.core.GroupRef;

/**
 * A Telegram group: a basic group (a chat id) or a supergroup (a channel id and the account's
 * access hash for it). Telegram answers a basic-group call on a supergroup's id with
 * {@code CHAT_ID_INVALID}, which GroupKit reports as {@code NotFound} saying so.
 */
public sealed interface TelegramGroup extends GroupRef {
    /**
     * A basic group.
     *
     * @param chatId the chat id (positive, without the -100 prefix bots use)
     * @return the reference
     */
    static BasicGroup basic(long chatId) {
        return new BasicGroup(chatId);
    }

    /**
     * A supergroup (a megagroup channel).
     *
     * @param channelId the channel id (positive, without the -100 prefix bots use)
     * @param accessHash the account's access hash for it, as a client library reports it
     * @return the reference
     */
    static Supergroup supergroup(long channelId, long accessHash) {
        return new Supergroup(channelId, accessHash);
    }

    /**
     * A basic group.
     *
     * @param chatId the chat id
     */
    record BasicGroup(long chatId) implements TelegramGroup {
        /**
         * Checks the id.
         *
         * @param chatId the chat id
         */
        public BasicGroup {
            if (chatId <= 0) {
                throw new IllegalArgumentException("expected a positive chat id (drop a leading minus), got " + chatId);
            }
        }

        @Override
        public String key() {
            return "chat" + chatId;
        }
    }

    /**
     * A supergroup.
     *
     * @param channelId the channel id
     * @param accessHash the account's access hash for it
     */
    record Supergroup(long channelId, long accessHash) implements TelegramGroup {
        /**
         * Checks the id.
         *
         * @param channelId the channel id
         * @param accessHash the access hash
         */
        public Supergroup {
            if (channelId <= 0 || channelId >= 1_000_000_000_000L) {
                throw new IllegalArgumentException("expected a positive channel id without the -100 prefix, got " + channelId);
            }
        }

        @Override
        public String key() {
            return "channel" + channelId;
        }
    }
}
