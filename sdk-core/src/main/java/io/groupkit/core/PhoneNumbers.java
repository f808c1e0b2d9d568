package io.groupkit.core;

import java.util.Objects;

/** Parsing and masking of phone numbers. */
final class PhoneNumbers {
    static final int MIN_DIGITS = 7;
    static final int MAX_DIGITS = 15; // E.164

    private PhoneNumbers() {
    }

    static String normalise(String number) {
        Objects.requireNonNull(number, "phone number must not be null");
        StringBuilder digits = new StringBuilder(16);
        String s = number.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (digits.length() == MAX_DIGITS) {
                    throw invalid(number, "more than " + MAX_DIGITS + " digits");
                }
                digits.append(c);
            } else if (c == '+' && i == 0) {
                continue;
            } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
                throw invalid(number, "a character that is not a digit, space, dash, dot or parenthesis");
            }
        }
        if (digits.length() < MIN_DIGITS) {
            throw invalid(number, digits.length() + " digits");
        }
        if (digits.charAt(0) == '0') {
            throw invalid(number, "a leading 0 (a trunk or exit prefix, not a country code)");
        }
        return digits.toString();
    }

    private static IllegalArgumentException invalid(String number, String problem) {
        // The number is personal data: show its shape only, every digit as '#'.
        String shape = Texts.clip(number).replaceAll("[0-9]", "#");
        return new IllegalArgumentException("expected an international phone number: an optional '+', the country code and "
                + MIN_DIGITS + " to " + MAX_DIGITS + " digits in all, such as +7 900 123-45-67; got '"
                + shape + "' with " + problem);
    }

}
