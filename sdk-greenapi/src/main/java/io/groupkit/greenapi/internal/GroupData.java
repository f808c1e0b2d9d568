package io.groupkit.greenapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What {@code getGroupData} says about a group.
 *
 * @param groupId the group's id
 * @param participants its members
 * @param inviteLink its invite link; empty when the instance is not an admin
 */
public record GroupData(String groupId, List<Participant> participants, String inviteLink) {

    /**
     * One member.
     *
     * @param id the member's chat id ({@code …@c.us} or {@code …@lid})
     * @param admin whether an admin
     * @param superAdmin whether the owner
     */
    public record Participant(String id, boolean admin, boolean superAdmin) {
    }

    /**
     * Reads a {@code getGroupData} body.
     *
     * @param json the body
     * @return the data, or empty when the body is not group data
     */
    public static Optional<GroupData> from(JsonNode json) {
        if (!json.isObject() || !json.path("participants").isArray()) {
            return Optional.empty();
        }
        List<Participant> people = new ArrayList<>();
        for (JsonNode p : json.path("participants")) {
            if (p.path("id").isTextual()) {
                people.add(new Participant(p.path("id").asText(), p.path("isAdmin").asBoolean(false),
                        p.path("isSuperAdmin").asBoolean(false)));
            }
        }
        return Optional.of(new GroupData(json.path("groupId").asText(""), List.copyOf(people),
                json.path("groupInviteLink").asText("")));
    }

    /**
     * A member by chat id.
     *
     * @param chatId the chat id
     * @return the member, or empty
     */
    public Optional<Participant> find(String chatId) {
        return participants.stream().filter(p -> p.id().equals(chatId)).findFirst();
    }

    /**
     * Whether the listing may name people by an id other than their phone number (WhatsApp's
     * {@code @lid}), so that a phone's absence proves nothing.
     *
     * @return true if some member is listed by {@code @lid}
     */
    public boolean hasHiddenNumbers() {
        return participants.stream().anyMatch(p -> p.id().endsWith("@lid"));
    }
}
