package io.groupkit.greenapi.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.greenapi.GreenApiProduct;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Instagram through Green-API (beta): people by a 64-bit account id or {@code @username}, groups by a
 * 128-bit number kept as text (https://green-api.com/en/instagram/docs/api/chat-id); an add of a
 * member answers {@code true} and adds nobody again
 * (https://green-api.com/en/instagram/docs/api/groups/AddGroupParticipant); no group pictures
 * (https://green-api.com/instagram/docs/api/groups); 1 add and 10 group-data reads per second
 * (https://green-api.com/en/instagram/docs/api/ratelimiter).
 */
final class InstagramRules extends ProductRules {
    /** A 64-bit account id has at most 20 digits; a group id is longer (tell them apart by length, the docs say). */
    static final int PERSON_DIGITS = 20;
    static final int GROUP_DIGITS = 39;

    InstagramRules() {
        super(GreenApiProduct.INSTAGRAM, "chatId", SLOW_ADDS_FAST_READS);
    }

    @Override
    public Set<MemberKind> memberKinds() {
        return Set.of(MemberKind.USER_ID, MemberKind.CHAT_ID, MemberKind.USERNAME);
    }

    @Override
    public void checkGroup(GroupRef group) {
        if (!digits(group.key(), PERSON_DIGITS + 1, GROUP_DIGITS)) {
            throw refused("an Instagram group id: a number of 21 to 39 digits, kept as text (from createGroup or a chat"
                    + " listing; no @g.us, no minus sign)", group.key());
        }
    }

    @Override
    public void checkPerson(Member member) {
        if (member.kind() == MemberKind.USERNAME) {
            return;
        }
        if (!digits(member.value(), 1, PERSON_DIGITS)) {
            throw refused("an Instagram account id (a number of up to 20 digits, no @c.us) or Member.username(…)",
                    member.value());
        }
    }

    @Override
    public Optional<String> directId(Member member) {
        return Optional.of(member.kind() == MemberKind.USERNAME ? "@" + member.value() : member.value());
    }

    @Override
    public String key(String id) {
        return id.startsWith("@") ? "username:" + id.substring(1).toLowerCase(Locale.ROOT) : "user:" + id;
    }

    @Override
    public Optional<String> participantId(JsonNode participant) {
        // ⚠ The element's field names are not documented: an id (chatId or id), else a username.
        Optional<String> id = textual(participant, "chatId", "id").filter(v -> digits(v, 1, PERSON_DIGITS));
        if (id.isPresent()) {
            return id;
        }
        return textual(participant, "username").map(u -> u.startsWith("@") ? u : "@" + u)
                .filter(u -> u.substring(1).matches("[A-Za-z0-9_]([A-Za-z0-9_.]{0,62}[A-Za-z0-9_])?"));
    }

    @Override
    public Member listed(String id) {
        // Instagram usernames may hold dots: john.doe and john_doe are two accounts.
        return id.startsWith("@") ? Member.username(id.substring(1)) : Member.userId(id);
    }

    @Override
    public Optional<String> groupOfChat(JsonNode chat) {
        Optional<String> id = textual(chat, "chatId", "id");
        return id.filter(v -> "group".equals(chat.path("type").asText("")) || digits(v, PERSON_DIGITS + 1, GROUP_DIGITS))
                .filter(v -> digits(v, PERSON_DIGITS + 1, GROUP_DIGITS));
    }

    @Override
    public Optional<Map<String, Object>> accountCheckBody(Member member) {
        return Optional.of(member.kind() == MemberKind.USERNAME ? Map.of("username", "@" + member.value())
                : Map.of("chatId", member.value()));
    }

    @Override
    public boolean trueMayMeanAlreadyMember() {
        return true;
    }

    @Override
    public int minNewGroupMembers() {
        return 2;
    }

    @Override
    public boolean has(String method) {
        return !"setGroupPicture".equals(method);
    }

    @Override
    public String loginRemedy(String stateName) {
        return "The Instagram instance is logged out: log in again with the account's login and password (Login, then"
                + " the code), or through Green-API's browser extension; Instagram instances have no QR code.";
    }

    @Override
    public boolean isInviteLink(String url) {
        // No example link is documented: any https link is taken.
        return url.startsWith("https://");
    }
}
