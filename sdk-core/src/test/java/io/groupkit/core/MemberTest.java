package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemberTest {

    @Test
    void phoneIsNormalisedToDigits() {
        assertEquals("79001234568", Member.phone("+7 (900) 123-45-68").digits());
        assertEquals("79001234568", Member.phone("79001234568").digits());
        assertEquals("4915112345678", Member.phone(" +49 151.1234.5678 ").digits());
        assertEquals("+79001234568", Member.phone("7 900 123 45 68").international());
        assertEquals(MemberKind.PHONE, Member.phone("+79001234568").kind());
    }

    @Test
    void phonesWithTheSameDigitsAreEqual() {
        assertEquals(Member.phone("+7 900 123-45-68"), Member.phone("79001234568"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "+", "12345", "abc", "+7 900 ABC-45-68", "8 (900) 123-45-68x",
            "0079001234568", "+0 900 123 45 68", "1234567890123456", "7900+1234568", "+7\u0000900123", "٧٩٠٠١٢٣٤٥٦٨"})
    void badPhonesAreRejectedWithWhatWasExpected(String input) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Member.phone(input));
        assertTrue(e.getMessage().startsWith("expected an international phone number"), e.getMessage());
    }

    @Test
    void aRejectedPhoneIsNotQuotedInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Member.phone("+3 555 867-53-0x"));
        assertFalse(e.getMessage().contains("555"), e.getMessage());
        assertTrue(e.getMessage().contains("+# ### ###-##-#x"), e.getMessage());
    }

    @Test
    void nullPhoneSaysWhatIsMissing() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> Member.phone(null));
        assertEquals("phone number must not be null", e.getMessage());
    }

    @Test
    void phoneToStringIsMasked() {
        Member p = Member.phone("+7 900 123-45-68");
        assertEquals("Phone[79*******68]", p.toString());
        assertFalse(p.toString().contains("9001234"));
    }

    @Test
    void chatIdToStringMasksTheNumberInside() {
        Member c = Member.chatId("79001234568@c.us");
        assertEquals("79001234568@c.us", c.value());
        assertEquals("ChatId[79*******68@c.us]", c.toString());
    }

    @Test
    void usernameDropsTheAtSign() {
        assertEquals("john_doe", Member.username("@john_doe").name());
        assertThrows(IllegalArgumentException.class, () -> Member.username("@"));
        assertThrows(IllegalArgumentException.class, () -> Member.username("john doe"));
        assertThrows(IllegalArgumentException.class, () -> Member.username("иван"));
        // Instagram's names have inner dots; a dot first or last is no one's name.
        assertEquals("anna.k_1", Member.username("@anna.k_1").name());
        assertThrows(IllegalArgumentException.class, () -> Member.username(".anna"));
        assertThrows(IllegalArgumentException.class, () -> Member.username("anna."));
    }

    @Test
    void userIdsAreCheckedAndTrimmed() {
        assertEquals("42", Member.userId(" 42 ").id());
        assertEquals("42", Member.userId(42).id());
        assertThrows(IllegalArgumentException.class, () -> Member.userId(0));
        assertThrows(IllegalArgumentException.class, () -> Member.userId("a b"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Member.userId(" "));
        assertTrue(e.getMessage().contains("blank"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Member.chatId("x".repeat(257)));
    }

    @Test
    void groupIdsAreChecked() {
        assertEquals("120363043968066561@g.us", GroupRef.of(" 120363043968066561@g.us ").key());
        assertThrows(IllegalArgumentException.class, () -> GroupRef.of(""));
        assertThrows(IllegalArgumentException.class, () -> GroupRef.of("a\nb"));
        assertThrows(NullPointerException.class, () -> GroupRef.of(null));
    }
}
