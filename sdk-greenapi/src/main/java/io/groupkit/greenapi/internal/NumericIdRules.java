package io.groupkit.greenapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.greenapi.GreenApiProduct;
import java.util.Map;
import java.util.Optional;

/**
 * MAX and Telegram: people are positive numbers and groups negative ones, both as strings
 * (https://green-api.com/v3/docs/api/chat-id, https://green-api.com/en/telegram/docs/api/chat-id);
 * no {@code @c.us}/{@code @g.us} in group methods.
 */
abstract class NumericIdRules extends ProductRules {
    /** MAX documents ids of up to 16 characters that "may grow"; 20 digits still fit the docs' advice of a number. */
    static final int MAX_DIGITS = 20;

    NumericIdRules(GreenApiProduct product, Map<String, Rate> rates) {
        super(product, "chatId", rates);
    }

    @Override
    public void checkGroup(GroupRef group) {
        String k = group.key();
        if (!(k.startsWith("-") && digits(k.substring(1), 1, MAX_DIGITS))) {
            throw refused("a " + label() + " group id: a negative number such as -10000000000000 (from createGroup or a"
                    + " chat listing; no @g.us)", k);
        }
    }

    /** Checks a member given by id: a positive number. */
    void checkNumericId(Member member) {
        if (!digits(member.value(), 1, MAX_DIGITS)) {
            throw refused("a " + label() + " person id: a positive number such as 10000000 (no @c.us)", member.value());
        }
    }

    @Override
    public String key(String id) {
        return id.startsWith("@") ? "username:" + id.substring(1).toLowerCase(java.util.Locale.ROOT) : "user:" + id;
    }

    @Override
    public Optional<String> participantId(JsonNode participant) {
        // The element's field names are not documented (⚠ in the README's table): id or chatId, a positive number.
        return textual(participant, "chatId", "id").filter(id -> digits(id, 1, MAX_DIGITS));
    }

    @Override
    public Member listed(String id) {
        return Member.userId(id);
    }

    @Override
    public Optional<String> groupOfChat(JsonNode chat) {
        Optional<String> id = textual(chat, "chatId", "id");
        String type = chat.path("type").asText("");
        if (id.isEmpty() || !id.get().startsWith("-") || "channel".equals(type)) {
            return Optional.empty();
        }
        return type.isEmpty() || "group".equals(type) || "supergroup".equals(type) ? id : Optional.empty();
    }
}
