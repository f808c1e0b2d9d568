package io.groupkit.bitrix24;

import io.groupkit.core.ActionResult;
import io.groupkit.core.ProviderDetail;
import java.util.List;
import java.util.Objects;

/** What came of asking for a CRM item's open-line chats. */
public sealed interface CrmChatsResult {

    /**
     * The item's chats.
     *
     * @param detail what the provider answered
     * @param chats the chats, in Bitrix24's order; empty when the item has none
     */
    record Found(ProviderDetail detail, List<CrmChatInfo> chats) implements CrmChatsResult {
        /**
         * Copies the list.
         *
         * @param detail what the provider answered
         * @param chats the chats
         */
        public Found {
            Objects.requireNonNull(detail, "detail must not be null");
            chats = List.copyOf(chats);
        }
    }

    /**
     * Why there is no list: one of the shared outcomes ({@link io.groupkit.core.AccessDenied},
     * {@link io.groupkit.core.RateLimited}, ...), with its detail and remedy.
     *
     * @param outcome the outcome
     */
    record Failed(ActionResult outcome) implements CrmChatsResult {
        /**
         * Checks the outcome.
         *
         * @param outcome the outcome
         */
        public Failed {
            Objects.requireNonNull(outcome, "outcome must not be null");
        }
    }
}
