package io.groupkit.greenapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.core.MemberRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code getGroupData} says about a group.
 *
 * @param groupId the group's id
 * @param subject the group's name ({@code subject})
 * @param participants its members
 * @param inviteLink its invite link; empty when the instance is not an admin
 * @param size the member count the answer states ({@code size}), when it does
 * @param kind a plain group, a community, or a community's announcement group
 * @param participantsMayAdd {@code allowParticipantsAddMembers}: whether members who are not admins
 *     may add people, when the answer says
 */
public record GroupData(String groupId, String subject, List<Participant> participants, String inviteLink, OptionalInt size, Kind kind,
                        Optional<Boolean> participantsMayAdd) {

    /** WhatsApp's member limit of a group. */
    public static final int MAX_MEMBERS = 1024;

    /** What kind of chat the id names. */
    public enum Kind {
        /** A group people can be added to. */
        GROUP,
        /** A community ({@code isCommunity}): people join its groups, not the community itself. */
        COMMUNITY,
        /** A community's announcement group ({@code isCommunityAnnounce}): everyone in its groups is in it. */
        COMMUNITY_ANNOUNCEMENTS,
        /** A Telegram channel ({@code isChannel}): subscribers, not a group's members. */
        CHANNEL
    }

    /**
     * One member.
     *
     * @param id the member's chat id ({@code …@c.us}, or {@code …@lid} when the number is hidden)
     * @param lid the member's {@code …@lid} id, when the answer gives it beside the number
     * @param role the owner ({@code isSuperAdmin}), an admin ({@code isAdmin}) or a member
     * @param username the member's {@code @username}, when the answer gives it beside the id (Instagram)
     */
    public record Participant(String id, Optional<String> lid, MemberRole role, Optional<String> username) {
        /**
         * Whether this member is the person with the chat id.
         *
         * @param chatId a phone's {@code …@c.us} id or an {@code …@lid} id
         * @return true if either of the member's ids is it
         */
        public boolean is(String chatId) {
            // Usernames are matched without case, as Instagram and Telegram treat them.
            return id.equals(chatId) || (chatId.startsWith("@") && id.equalsIgnoreCase(chatId))
                    || lid.map(chatId::equals).orElse(false)
                    || chatId.startsWith("@") && username.map(chatId::equalsIgnoreCase).orElse(false);
        }

        /**
         * Whether the member's number is known.
         *
         * @return false when the member is listed by {@code @lid} only
         */
        public boolean numberKnown() {
            return form(id) == Form.NUMBER;
        }

        /**
         * Whether the member's {@code @lid} id is known.
         *
         * @return true when the member is listed by lid, or with one
         */
        public boolean lidKnown() {
            return id.endsWith("@lid") || lid.isPresent();
        }
    }

    /** How an id names a person: by number (or account id), by WhatsApp lid, by username. */
    private enum Form {
        NUMBER, LID, USERNAME
    }

    private static Form form(String id) {
        return id.endsWith("@lid") ? Form.LID : id.startsWith("@") ? Form.USERNAME : Form.NUMBER;
    }

    /**
     * Reads a WhatsApp {@code getGroupData} body.
     *
     * @param json the body
     * @return the data, or empty when the body is not group data or lists a member it cannot read
     */
    public static Optional<GroupData> from(JsonNode json) {
        return from(json, ProductRules.of(io.groupkit.greenapi.GreenApiProduct.WHATSAPP));
    }

    /**
     * Reads a {@code getGroupData} body of a product.
     *
     * @param json the body
     * @param rules the product's rules: the group's field, the participants' ids
     * @return the data, or empty when the body is not group data or lists a member it cannot read
     */
    public static Optional<GroupData> from(JsonNode json, ProductRules rules) {
        if (!json.isObject() || !json.path("participants").isArray()) {
            return Optional.empty();
        }
        List<Participant> people = new ArrayList<>();
        for (JsonNode p : json.path("participants")) {
            Optional<String> read = rules.participantId(p);
            if (read.isEmpty()) {
                // One unreadable member makes the listing untrustworthy: read as a list without
                // them, they would look like people who left.
                return Optional.empty();
            }
            String id = read.get();
            String lid = p.path("lid").asText("");
            MemberRole role = p.path("isSuperAdmin").asBoolean(false) ? MemberRole.OWNER
                    : p.path("isAdmin").asBoolean(false) ? MemberRole.ADMIN : MemberRole.MEMBER;
            // An Instagram member listed by id may carry the username too: an add by @username finds them.
            String name = p.path("username").asText("").strip();
            Optional<String> username = name.isEmpty() || id.startsWith("@") ? Optional.empty()
                    : Optional.of(name.startsWith("@") ? name : "@" + name);
            people.add(new Participant(id, lid.endsWith("@lid") ? Optional.of(lid) : Optional.empty(), role, username));
        }
        JsonNode size = json.path("size");
        Kind kind = json.path("isCommunity").asBoolean(false) ? Kind.COMMUNITY
                : json.path("isCommunityAnnounce").asBoolean(false) ? Kind.COMMUNITY_ANNOUNCEMENTS
                : json.path("isChannel").asBoolean(false) ? Kind.CHANNEL : Kind.GROUP;
        JsonNode mayAdd = json.path("allowParticipantsAddMembers");
        return Optional.of(new GroupData(json.path(rules.groupField()).asText(""), json.path("subject").asText(""), List.copyOf(people),
                json.path("groupInviteLink").asText(""),
                size.isIntegralNumber() && size.asInt() >= 0 ? OptionalInt.of(size.asInt()) : OptionalInt.empty(), kind,
                mayAdd.isBoolean() ? Optional.of(mayAdd.asBoolean()) : Optional.empty()));
    }

    /**
     * A member by chat id or lid.
     *
     * @param chatId the chat id ({@code …@c.us}) or lid ({@code …@lid})
     * @return the member, or empty
     */
    public Optional<Participant> find(String chatId) {
        return participants.stream().filter(p -> p.is(chatId)).findFirst();
    }

    /**
     * Whether the person's absence from this listing proves they are not in the group: a number
     * is hidden behind a member listed by {@code @lid} only, and a lid behind a member listed by
     * number without one.
     *
     * @param chatId the person's chat id or lid
     * @return true if not being listed means not being a member
     */
    public boolean provesAbsence(String chatId) {
        return switch (form(chatId)) {
            case LID -> participants.stream().allMatch(Participant::lidKnown);
            case NUMBER -> participants.stream().allMatch(Participant::numberKnown);
            // An Instagram listing may name people by username: only a listing of usernames proves one absent.
            case USERNAME -> participants.stream().allMatch(p -> form(p.id()) == Form.USERNAME);
        };
    }

    /**
     * How many members the group has.
     *
     * @return the stated size, or the number listed
     */
    public int memberCount() {
        return size.orElse(participants.size());
    }

    /**
     * This data with one more member, for an add this process made.
     *
     * @param chatId the new member
     * @return a copy
     */
    public GroupData with(String chatId) {
        if (find(chatId).isPresent()) {
            return this;
        }
        List<Participant> more = new ArrayList<>(participants);
        more.add(new Participant(chatId, Optional.empty(), MemberRole.MEMBER, Optional.empty()));
        return new GroupData(groupId, subject, List.copyOf(more), inviteLink,
                size.isPresent() ? OptionalInt.of(size.getAsInt() + 1) : OptionalInt.empty(), kind, participantsMayAdd);
    }

    /**
     * This data without a member, for a removal this process made.
     *
     * @param chatId the member who left
     * @return a copy
     */
    public GroupData without(String chatId) {
        List<Participant> fewer = participants.stream().filter(p -> !p.is(chatId)).toList();
        if (fewer.size() == participants.size()) {
            return this;
        }
        return new GroupData(groupId, subject, fewer, inviteLink,
                size.isPresent() ? OptionalInt.of(Math.max(0, size.getAsInt() - 1)) : OptionalInt.empty(), kind,
                participantsMayAdd);
    }
}
