package io.groupkit.greenapi.internal;

import io.groupkit.core.AccessDenied;
import io.groupkit.core.AddResult;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.Member;
import io.groupkit.core.MemberBanned;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.SpamLimited;
import io.groupkit.core.TooManyGroups;
import io.groupkit.core.MemberKind;
import io.groupkit.greenapi.GreenApiProduct;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Telegram through Green-API: people by user id, {@code @username} or phone (the last two looked up
 * with {@code checkAccount}, https://green-api.com/en/telegram/docs/api/service/CheckAccount),
 * groups and supergroups by negative number. The group methods' rates are not documented
 * (https://green-api.com/en/telegram/docs/api/ratelimiter is cut before them): the slowest any
 * product documents is used.
 */
final class TelegramRules extends NumericIdRules {
    TelegramRules() {
        super(GreenApiProduct.TELEGRAM, Map.of(
                "getStateInstance", new Rate(1, true),
                "sendMessage", new Rate(50, true)));
    }

    @Override
    public Set<MemberKind> memberKinds() {
        return Set.of(MemberKind.USER_ID, MemberKind.CHAT_ID, MemberKind.USERNAME, MemberKind.PHONE);
    }

    @Override
    public void checkPerson(Member member) {
        if (member.kind() == MemberKind.USERNAME && member.value().contains(".")) {
            throw refused("a Telegram username (letters, digits and underscores; no dots)", member.value());
        }
        if (member.kind() == MemberKind.PHONE || member.kind() == MemberKind.USERNAME) {
            return;
        }
        checkNumericId(member);
    }

    @Override
    public Optional<String> directId(Member member) {
        return member.kind() == MemberKind.USER_ID || member.kind() == MemberKind.CHAT_ID
                ? Optional.of(member.value()) : Optional.empty();
    }

    @Override
    public Optional<Map<String, Object>> accountCheckBody(Member member) {
        if (member instanceof Member.Phone p) {
            return Optional.of(Map.of("phoneNumber", Long.parseLong(p.digits())));
        }
        if (member.kind() == MemberKind.USERNAME) {
            return Optional.of(Map.of("username", "@" + member.value()));
        }
        return Optional.empty();
    }

    /**
     * Green-API documents no {@code reason} values (https://green-api.com/en/telegram/docs/api/groups/AddGroupParticipant).
     * Where the text is one of Telegram's own error names, it means one thing whoever passes it on:
     * those few are read; any other text stays in the description of a {@code NotAdded}.
     */
    @Override
    public Optional<AddResult> outcomeOfReason(String reason, ProviderDetail detail) {
        ProviderDetail d = detail.withDescription("Telegram refused: " + reason);
        return Optional.ofNullable(switch (reason.strip()) {
            case "USER_PRIVACY_RESTRICTED", "USER_NOT_MUTUAL_CONTACT" -> new PrivacyRestricted(d.withRemedy("The person's"
                    + " privacy settings forbid being added: send them the group's invite link."));
            case "USER_ALREADY_PARTICIPANT" -> new AlreadyMember(d);
            case "USER_CHANNELS_TOO_MUCH" -> new TooManyGroups(d.withRemedy("The person is in too many groups and"
                    + " channels: they must leave some first."));
            case "USER_KICKED", "USER_BANNED_IN_CHANNEL" -> new MemberBanned(d.withRemedy("The person was removed or"
                    + " banned from the group: unban them in Telegram first."));
            case "CHAT_ADMIN_REQUIRED" -> new AccessDenied(d.withRemedy("The instance's Telegram account is not an admin"
                    + " with the right to add people: make it one, or send people the group's invite link."));
            case "PEER_FLOOD" -> new SpamLimited(d.withRemedy("Telegram limits this account for sending too much: stop"
                    + " adding people for a day or more."));
            default -> null;
        });
    }

    @Override
    public String loginRemedy(String stateName) {
        return "pendingPassword".equals(stateName)
                ? "The Telegram instance waits for the account's two-step verification password: send it"
                + " (sendAuthorizationPassword) or enter it in the Green-API console."
                : "The Telegram instance is logged out: log in again in the Green-API console (the QR code is the"
                + " reliable way; a login code by phone sometimes never arrives).";
    }

    @Override
    public String startingRemedy() {
        // A phone login can leave the instance starting for good (https://green-api.com/en/forum/post/536).
        return "The Telegram instance is not ready (starting): wait a few minutes; if it stays so after a login by"
                + " phone, log out and log in again with the QR code.";
    }

    @Override
    public boolean isInviteLink(String url) {
        return url.startsWith("https://t.me/");
    }
}
