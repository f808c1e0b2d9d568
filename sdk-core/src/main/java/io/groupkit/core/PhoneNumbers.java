package io.groupkit.core;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Objects;

/**
 * Parsing and masking of phone numbers. What a person types is checked against Google's
 * libphonenumber metadata: a number that no country has, or that is not a real number of its
 * country, is refused before anything is sent. Digits a provider hands back (in a listing) are
 * only checked for their shape: a range newer than the metadata must not break a listing.
 */
final class PhoneNumbers {
    static final int MIN_DIGITS = 7;
    static final int MAX_DIGITS = 15; // E.164
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String NO_COUNTRY = "whose start is no country's calling code; a number written as dialled"
            + " inside a country (8 900 ..., 0151 ...) needs its region: Member.phone(number, \"RU\")";
    // Some numbering plans have national numbers of 4 digits (their country code makes 7 or more).
    private static final int MIN_NATIONAL_DIGITS = 4;

    private PhoneNumbers() {
    }

    /** A number as a provider gave it: the digits of an international number, any grouping. */
    static String normalise(String number) {
        return digitsOf(number, Form.INTERNATIONAL);
    }

    /** A number a person typed in international form: the country code first, with or without '+'. */
    static String international(String number) {
        String digits = digitsOf(number, Form.INTERNATIONAL);
        PhoneNumber parsed = parse("+" + digits, "ZZ", number);
        if (!UTIL.isValidNumber(parsed)) {
            int code = parsed.getCountryCode();
            String region = UTIL.getRegionCodeForCountryCode(code);
            // With its + the number names its country: a region cannot help, a digit is wrong or missing.
            throw invalid(number, "ZZ".equals(region) ? NO_COUNTRY : "which is not a valid number of " + regionName(region, code)
                    + (number.strip().startsWith("+") ? "; check its digits (one may be missing or extra)"
                    : "; a number written as dialled inside a country needs its region: Member.phone(number, \""
                    + (region.equals("001") ? "DE" : region) + "\")"));
        }
        return digits;
    }

    /** A number a person typed as dialled in {@code region} (or in international form). */
    static String inRegion(String number, String region) {
        Objects.requireNonNull(region, "region must not be null");
        String code = region.strip().toUpperCase(Locale.ROOT);
        checkRegion(code, region);
        digitsOf(number, Form.AS_DIALLED); // the characters and length; a national number may start with its trunk 0
        PhoneNumber parsed = parse(number.strip(), code, number);
        if (!UTIL.isValidNumber(parsed) || !UTIL.isValidNumberForRegion(parsed, UTIL.getRegionCodeForNumber(parsed))) {
            throw invalid(number, "which is not a valid number of " + regionName(
                    UTIL.getRegionCodeForCountryCode(parsed.getCountryCode()), parsed.getCountryCode()) + " (read in "
                    + code + ")");
        }
        return UTIL.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164).substring(1);
    }

    static void checkRegion(String code, String asGiven) {
        if (!UTIL.getSupportedRegions().contains(code)) {
            throw new IllegalArgumentException("expected a region as an ISO 3166 two-letter code that has phone numbers,"
                    + " such as RU, KZ, DE or US; got '" + Texts.clip(asGiven) + "'");
        }
    }

    private static PhoneNumber parse(String text, String region, String original) {
        try {
            return UTIL.parse(text, region);
        } catch (NumberParseException e) {
            if (e.getErrorType() == NumberParseException.ErrorType.INVALID_COUNTRY_CODE) {
                throw invalid(original, NO_COUNTRY);
            }
            throw invalid(original, "which cannot be read as a phone number (" + e.getErrorType().name().toLowerCase(Locale.ROOT)
                    .replace('_', ' ') + ")");
        }
    }

    private static String regionName(String region, int code) {
        return "ZZ".equals(region) || "001".equals(region) ? "calling code +" + code : region + " (+" + code + ")";
    }

    /** How a number is written: what {@link #digitsOf} checks. */
    private enum Form {
        /** The country code first: at least {@code MIN_DIGITS}, no leading 0. */
        INTERNATIONAL,
        /** As dialled inside a country: a trunk prefix (0, 8) may lead. */
        AS_DIALLED
    }

    private static String digitsOf(String number, Form form) {
        Objects.requireNonNull(number, "phone number must not be null");
        boolean international = form == Form.INTERNATIONAL;
        StringBuilder digits = new StringBuilder(16);
        String s = number.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits.length() == MAX_DIGITS + (international ? 0 : 2)) {
                    throw invalid(number, "with more than " + MAX_DIGITS + " digits");
                }
                digits.append(c);
            } else if (c == '+' && i == 0) {
                continue;
            } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
                throw invalid(number, "with a character that is not a digit, space, dash, dot or parenthesis");
            }
        }
        if (digits.length() < (international ? MIN_DIGITS : MIN_NATIONAL_DIGITS)) {
            throw invalid(number, "with " + digits.length() + " digits");
        }
        if (international && digits.charAt(0) == '0') {
            throw invalid(number, "with a leading 0 (a trunk or exit prefix, not a country code; a national number needs its"
                    + " region: Member.phone(number, \"DE\"))");
        }
        return digits.toString();
    }

    private static IllegalArgumentException invalid(String number, String problem) {
        // The number is personal data: show its shape only, every digit as '#'.
        String shape = Texts.clip(number).replaceAll("[0-9]", "#");
        return new IllegalArgumentException("expected an international phone number: an optional '+', the country code and "
                + MIN_DIGITS + " to " + MAX_DIGITS + " digits in all, such as +7 900 123-45-67, or a national one with its"
                + " region; got '" + shape + "' " + problem);
    }
}
