package io.groupkit.greenapi.internal;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One add as Green-API takes it, made once per attempt: the group, the person with the ids the
 * checks ask by, and the {@code addGroupParticipant} body (sent once more, unchanged, after the
 * person's contact is saved).
 *
 * @param group the group
 * @param member the person
 * @param chatId the person's id as listings name them ({@code digits@c.us}, the {@code …@lid} given, a
 *     MAX or Telegram user id, an Instagram id or {@code @username})
 * @param digits the person's number, for {@code checkWhatsapp}; empty for a {@code …@lid} and on
 *     the other products
 * @param body the request's fields
 */
public record AddRequest(GroupRef group, Member member, String chatId, Optional<String> digits, Map<String, Object> body) {
    /**
     * The add of a person to a group.
     *
     * @param group the group
     * @param member a phone (sent as {@code participantPhone}) or a chat id ({@code participantChatId})
     * @return the add
     */
    public static AddRequest of(GroupRef group, Member member) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("groupId", group.key());
        if (member instanceof Member.Phone phone) {
            body.put("participantPhone", Long.parseLong(phone.digits()));
        } else {
            body.put("participantChatId", member.value());
        }
        return new AddRequest(group, member, ChatIds.of(member), ChatIds.digits(member), Collections.unmodifiableMap(body));
    }

    /**
     * The add of a person to a group of a product other than WhatsApp: {@code chatId} and
     * {@code participantChatId} (MAX takes no {@code participantPhone},
     * https://green-api.com/v3/docs/api/groups/AddGroupParticipant).
     *
     * @param rules the product's rules
     * @param group the group
     * @param member the person
     * @param id the person's id as the group methods take it (looked up for a phone or username)
     * @return the add
     */
    public static AddRequest of(ProductRules rules, GroupRef group, Member member, String id) {
        return new AddRequest(group, member, id, Optional.empty(),
                Collections.unmodifiableMap(rules.groupBody(group, "participantChatId", id)));
    }
}
