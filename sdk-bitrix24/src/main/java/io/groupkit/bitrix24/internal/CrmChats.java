package io.groupkit.bitrix24.internal;

import io.groupkit.bitrix24.CrmChat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which chat each CRM item's reference named when it was last listed: a pushed event names a chat
 * by its id only, and a watch of {@code CrmChat.of(DEAL, 42)} must get it under that reference's
 * key. Bounded: the least recently resolved references are forgotten first (their events then come
 * under the chat's id only, and the listing still reports the change).
 */
final class CrmChats {
    static final int MAX = 10_000;

    private final Map<CrmChat, Long> chatOf = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<CrmChat, Long> eldest) {
            return size() > MAX;
        }
    };

    /** A reference was resolved to this chat (its own chat id, or its item's last chat). */
    synchronized void resolved(CrmChat ref, long chat) {
        chatOf.put(ref, chat);
    }

    /** The references last resolved to this chat. */
    synchronized List<CrmChat> refsOf(long chat) {
        List<CrmChat> refs = new ArrayList<>();
        chatOf.forEach((ref, id) -> {
            if (id == chat) {
                refs.add(ref);
            }
        });
        return refs;
    }
}
