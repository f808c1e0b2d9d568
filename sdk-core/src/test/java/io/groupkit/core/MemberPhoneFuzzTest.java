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

    /** Well-formed numbers in any of the usual groupings parse to their digits. */
    @FuzzTest(maxDuration = "30s")
    void formattedNumbersParseToTheirDigits(FuzzedDataProvider data) {
        int length = data.consumeInt(7, 15);
        StringBuilder digits = new StringBuilder().append((char) ('1' + data.consumeInt(0, 8)));
        while (digits.length() < length) {
            digits.append((char) ('0' + data.consumeInt(0, 9)));
        }
        StringBuilder formatted = new StringBuilder(data.consumeBoolean() ? "+" : "");
        String separators = " -.()";
        for (int i = 0; i < digits.length(); i++) {
            formatted.append(digits.charAt(i));
            if (data.consumeBoolean()) {
                formatted.append(separators.charAt(data.consumeInt(0, separators.length() - 1)));
            }
        }
        assertEquals(digits.toString(), Member.phone(formatted.toString()).digits());
    }
}
