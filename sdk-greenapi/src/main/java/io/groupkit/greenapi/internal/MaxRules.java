package io.groupkit.greenapi.internal;

import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.greenapi.GreenApiProduct;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * MAX (Green-API "v3"): requests under {@code /v3/} (https://green-api.com/v3/docs/important-differences;
 * optional since https://green-api.com/v3/docs/request-format), people by number, phones looked up
 * with {@code checkAccount} (Russia {@code 7} and Belarus {@code 375} only,
 * https://green-api.com/v3/docs/api/service/CheckAccount), 1 add and 10 group-data reads per second
 * (https://green-api.com/v3/docs/api/ratelimiter/).
 */
final class MaxRules extends NumericIdRules {
    MaxRules() {
        super(GreenApiProduct.MAX, SLOW_ADDS_FAST_READS);
    }

    @Override
    public String defaultPathPrefix() {
        return "/v3";
    }

    @Override
    public Set<MemberKind> memberKinds() {
        return Set.of(MemberKind.USER_ID, MemberKind.CHAT_ID, MemberKind.PHONE);
    }

    @Override
    public void checkPerson(Member member) {
        if (member instanceof Member.Phone p) {
            String d = p.digits();
            if (!(d.startsWith("7") && d.length() == 11) && !(d.startsWith("375") && d.length() == 12)) {
                throw refused("a Russian (+7, 11 digits) or Belarusian (+375, 12 digits) phone: MAX's checkAccount"
                        + " finds no other numbers; give the person's MAX id instead", p.international());
            }
            return;
        }
        checkNumericId(member);
    }

    @Override
    public Optional<String> directId(Member member) {
        return member instanceof Member.Phone ? Optional.empty() : Optional.of(member.value());
    }

    @Override
    public Optional<Map<String, Object>> accountCheckBody(Member member) {
        return member instanceof Member.Phone p ? Optional.of(Map.of("phoneNumber", Long.parseLong(p.digits())))
                : Optional.empty();
    }

    @Override
    public String loginRemedy(String stateName) {
        return "The MAX instance is logged out: scan the QR code in the Green-API console with the MAX app (MAX's"
                + " login password must be switched off).";
    }

    @Override
    public String restrictedRemedy(io.groupkit.core.AccountState state) {
        // MAX's blocked is "temporarily unavailable", and its suspension ends at GetAccountSettings'
        // suspendedUntil (https://green-api.com/v3/docs/api/account/GetStateInstance).
        return state == io.groupkit.core.AccountState.BANNED
                ? "MAX reports the account blocked (temporarily unavailable): stop all mass actions; see the Green-API"
                + " console and try again later."
                : "MAX has suspended this account: it may message only its saved contacts until the time in"
                + " getAccountSettings' suspendedUntil; stop adding people until then.";
    }

    @Override
    public boolean isInviteLink(String url) {
        return url.startsWith("https://max.ru/");
    }
}
