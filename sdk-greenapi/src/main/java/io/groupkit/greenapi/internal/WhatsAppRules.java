package io.groupkit.greenapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.core.AccountState;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.greenapi.GreenApiProduct;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * WhatsApp: {@code groupId}, {@code …@c.us}/{@code …@lid} people, {@code checkWhatsapp}, 10 adds
 * and 1 group-data read per second (https://green-api.com/en/docs/api/ratelimiter).
 */
final class WhatsAppRules extends ProductRules {
    WhatsAppRules() {
        super(GreenApiProduct.WHATSAPP, "groupId", Map.ofEntries(
                Map.entry("addGroupParticipant", new Rate(10, true)),
                Map.entry("removeGroupParticipant", new Rate(10, true)),
                Map.entry("setGroupAdmin", new Rate(10, true)),
                Map.entry("removeAdmin", new Rate(10, true)),
                Map.entry("leaveGroup", new Rate(10, true)),
                Map.entry("checkWhatsapp", new Rate(10, true)),
                Map.entry("getGroupData", new Rate(1, true)),
                Map.entry("getContacts", new Rate(1, true)),
                Map.entry("getStateInstance", new Rate(1, true)),
                Map.entry("getSettings", new Rate(1, true)),
                Map.entry("updateGroupName", new Rate(1, true)),
                Map.entry("createGroup", new Rate(1, true)),
                Map.entry("sendMessage", new Rate(50, true)),
                Map.entry("setGroupPicture", new Rate(1, true))));
    }

    @Override
    public Set<MemberKind> memberKinds() {
        return Set.of(MemberKind.PHONE, MemberKind.CHAT_ID);
    }

    @Override
    public void checkGroup(GroupRef group) {
        ChatIds.checkGroup(group);
    }

    @Override
    public void checkPerson(Member member) {
        ChatIds.checkPerson(member);
    }

    @Override
    public Optional<String> directId(Member member) {
        return Optional.of(ChatIds.of(member));
    }

    @Override
    public String key(String id) {
        return ChatIds.key(id);
    }

    @Override
    public Optional<String> participantId(JsonNode participant) {
        String id = participant.path("id").asText("");
        return participant.path("id").isTextual() && (id.endsWith("@c.us") || id.endsWith("@lid"))
                ? Optional.of(id) : Optional.empty();
    }

    @Override
    public Member listed(String id) {
        return Member.chatId(id);
    }

    @Override
    public Optional<String> groupOfChat(JsonNode chat) {
        String id = chat.path("id").asText("");
        return id.endsWith("@g.us") ? Optional.of(id) : Optional.empty();
    }

    @Override
    public String ownIdMethod() {
        return "getSettings";
    }

    @Override
    public Optional<String> ownId(JsonNode answer) {
        return answer.path("wid").isTextual() ? Optional.of(answer.path("wid").asText()) : Optional.empty();
    }

    @Override
    public String accountCheckMethod() {
        return "checkWhatsapp";
    }

    @Override
    public String accountExistsField() {
        return "existsWhatsapp";
    }

    @Override
    public Optional<Map<String, Object>> accountCheckBody(Member member) {
        return ChatIds.digits(member).map(d -> Map.of("phoneNumber", Long.parseLong(d)));
    }

    @Override
    public AccountState state(String name) {
        return switch (name) {
            case "yellowCard" -> AccountState.SPAM_SUSPENDED;
            case "sleepMode" -> AccountState.SLEEPING;
            default -> super.state(name);
        };
    }

    @Override
    public String loginRemedy(String stateName) {
        return "The instance is logged out: scan the QR code in the Green-API console again.";
    }

    @Override
    public String startingRemedy() {
        return "The instance is not ready (starting): wait a few minutes, keep the phone online.";
    }

    @Override
    public String restrictedRemedy(AccountState state) {
        return "WhatsApp has " + (state == AccountState.BANNED ? "banned" : "suspended (yellow card)")
                + " this number for suspected spam: stop all mass actions and rest the account for days.";
    }

    @Override
    public boolean isInviteLink(String url) {
        return url.startsWith("https://chat.whatsapp.com/");
    }

    @Override
    public String inviteMessage() {
        return "You are invited to join our WhatsApp group:";
    }
}
