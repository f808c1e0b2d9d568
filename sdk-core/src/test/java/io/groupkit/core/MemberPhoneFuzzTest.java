package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

class MemberPhoneFuzzTest {

    /**
     * Any string either parses to 7 to 15 digits that are exactly the input's digits, or is
     * rejected with the documented exception and a message that says what was expected.
     */
    @FuzzTest(maxDuration = "30s")
    void anyInputParsesOrIsRejectedWithTheDocumentedException(FuzzedDataProvider data) {
        String input = data.consumeRemainingAsString();
        Member.Phone phone;
        try {
            phone = Member.phone(input);
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().startsWith("expected an international phone number"), e.getMessage());
            return;
        }
        String digits = phone.digits();
        assertTrue(digits.matches("[1-9][0-9]{6,14}"), digits);
        assertEquals(input.replaceAll("[^0-9]", ""), digits, "every digit of the input, nothing else");
        assertEquals(phone, Member.phone(phone.international()), "parsing is idempotent");
        assertFalse(phone.toString().contains(digits.substring(2, digits.length() - 2)), "toString masks the number");
    }

    /** Real numbers of any region, in any of the usual groupings, parse to their digits. */
    @FuzzTest(maxDuration = "30s")
    void formattedNumbersParseToTheirDigits(FuzzedDataProvider data) {
        com.google.i18n.phonenumbers.PhoneNumberUtil util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
        java.util.List<String> regions = new java.util.ArrayList<>(new java.util.TreeSet<>(util.getSupportedRegions()));
        com.google.i18n.phonenumbers.Phonenumber.PhoneNumber example = util.getExampleNumberForType(
                data.pickValue(regions), data.consumeBoolean() ? com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType.MOBILE
                        : com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType.FIXED_LINE);
        if (example == null) {
            return;
        }
        String digits = util.format(example, com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.E164).substring(1);
        StringBuilder formatted = new StringBuilder(data.consumeBoolean() ? "+" : "");
        String separators = " -.()";
        for (int i = 0; i < digits.length(); i++) {
            formatted.append(digits.charAt(i));
            if (data.consumeBoolean()) {
                formatted.append(separators.charAt(data.consumeInt(0, separators.length() - 1)));
            }
        }
        assertEquals(digits, Member.phone(formatted.toString()).digits());
    }
}
