package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every region's own example numbers (libphonenumber's metadata), written the three ways people
 * write them: read with their region they are the same person; read without one, a national form
 * is never taken for a number it is not unless it happens to be another country's real number.
 */
class PhoneRegionsTest {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    private record Example(String region, PhoneNumber number, String digits) {
    }

    private static List<Example> examples() {
        List<Example> all = new ArrayList<>();
        for (String region : new TreeSet<>(UTIL.getSupportedRegions())) {
            for (PhoneNumberType type : List.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE)) {
                PhoneNumber n = UTIL.getExampleNumberForType(region, type);
                if (n != null) {
                    all.add(new Example(region, n, UTIL.format(n, PhoneNumberFormat.E164).substring(1)));
                }
            }
        }
        return all;
    }

    @Test
    void everyRegionsNumbersReadTheSameInEveryWritingWithTheirRegion() {
        List<Example> examples = examples();
        assertTrue(examples.size() > 400, "mobile and fixed examples of ~245 regions: " + examples.size());
        for (Example e : examples) {
            for (PhoneNumberFormat f : List.of(PhoneNumberFormat.NATIONAL, PhoneNumberFormat.INTERNATIONAL,
                    PhoneNumberFormat.E164)) {
                String written = UTIL.format(e.number(), f);
                assertEquals(e.digits(), Member.phone(written, e.region()).digits(), e.region() + " " + f);
                assertEquals(e.digits(), Member.phone(written, e.region().toLowerCase(java.util.Locale.ROOT)).digits());
            }
            assertEquals(e.digits(), Member.phone(UTIL.format(e.number(), PhoneNumberFormat.INTERNATIONAL)).digits(),
                    e.region() + " international, no region");
            assertEquals(e.digits(), Member.phone(e.digits()).digits(), e.region() + " digits without +");
        }
    }

    /**
     * The defect this guards: a national number read as international names someone else. Without
     * a region, a national form is refused, or — where its digits happen to form another country's
     * real number (a national form carries no country, so nothing can tell) — read as that number;
     * it is never "accepted" as a number that no country has.
     */
    @Test
    void aNationalNumberWithoutItsRegionIsRefusedOrIsSomeCountrysRealNumber() {
        int refused = 0;
        int readAsAnother = 0;
        for (Example e : examples()) {
            String national = UTIL.format(e.number(), PhoneNumberFormat.NATIONAL);
            if (national.replaceAll("[^0-9]", "").equals(e.digits())) {
                continue; // written the same both ways (a few small numbering plans)
            }
            try {
                Member.Phone read = Member.phone(national);
                PhoneNumber parsed = UTIL.parse("+" + read.digits(), "ZZ");
                assertTrue(UTIL.isValidNumber(parsed), e.region() + " national read as a number no country has");
                readAsAnother++;
            } catch (IllegalArgumentException | com.google.i18n.phonenumbers.NumberParseException x) {
                refused++;
            }
        }
        System.out.printf("national forms without a region: %d refused, %d are another country's real number%n", refused,
                readAsAnother);
        assertTrue(refused > readAsAnother * 3, refused + " refused, " + readAsAnother + " read as another country's");
    }

    @Test
    void theSeedsMarketsNationalFormat() {
        assertEquals("79001234567", Member.phone("8 (900) 123-45-67", "RU").digits());
        assertEquals("77011234567", Member.phone("8 701 123 45 67", "KZ").digits());
        assertEquals("375291234567", Member.phone("8 029 123-45-67", "BY").digits());
        assertEquals("79001234567", Member.phone("+7 900 123-45-67", "DE").digits(), "a + number ignores the region");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Member.phone("8 (900) 123-45-67"));
        assertTrue(e.getMessage().contains("Member.phone(number, \"RU\")"), e.getMessage());
        assertTrue(e.getMessage().contains("'# (###) ###-##-##'"), "the shape, not the digits: " + e.getMessage());
    }

    @Test
    void anApplicationsRegionIsSetOnceAndReadsEveryNumber() {
        Phones russia = Phones.region(" ru ");
        assertEquals(java.util.Optional.of("RU"), russia.region());
        assertEquals("79001234567", russia.parse("8 (900) 123-45-67").digits());
        assertEquals("4915112345678", russia.parse("+49 151 12345678").digits(), "a + number is international anywhere");
        assertEquals("Phones[RU]", russia.toString());
        assertThrows(IllegalArgumentException.class, () -> Phones.international().parse("8 (900) 123-45-67"));
        assertEquals("79001234567", Phones.international().parse("+7 900 123-45-67").digits());
        assertThrows(IllegalArgumentException.class, () -> Phones.region("Russia"));
        assertThrows(IllegalArgumentException.class, () -> Phones.region("ZZ"));
    }

    @Test
    void anInvalidNumberForItsRegionIsRefusedWithTheRegionNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Member.phone("8 (100) 123-45-67", "RU"));
        assertTrue(e.getMessage().contains("not a valid number of RU (+7)"), e.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Member.phone("8 900 123 45 67", "XX"));
        assertTrue(unknown.getMessage().startsWith("expected a region as an ISO 3166 two-letter code"), unknown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Member.phone("+1 555 000 0000"), "fictional 555 numbers");
        assertThrows(NullPointerException.class, () -> Member.phone("8 900 123 45 67", null));
    }
}
