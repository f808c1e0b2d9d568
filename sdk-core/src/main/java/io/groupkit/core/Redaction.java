package io.groupkit.core;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Masking of personal data and secrets in text that may reach logs, exception messages or
 * {@code toString()}. Adapters use it on everything a provider sends back.
 */
public final class Redaction {
    /** What a removed secret is replaced with. */
    public static final String REDACTED = "***";

    private Redaction() {
    }

    /**
     * Masks a phone number, keeping the first two and last two digits so that log lines about
     * different people can still be told apart.
     *
     * @param digits the number's digits
     * @return for example {@code 79*******68}
     */
    public static String maskPhone(String digits) {
        Objects.requireNonNull(digits, "digits");
        if (digits.length() <= 4) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 2) + "*".repeat(digits.length() - 4) + digits.substring(digits.length() - 2);
    }

    /**
     * Masks every run of seven or more digits in free text, where phone numbers hide (WhatsApp
     * chat ids, provider error descriptions).
     *
     * @param text any text
     * @return the text with such runs masked by {@link #maskPhone(String)}
     */
    public static String maskDigitRuns(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int j = i;
            while (j < text.length() && text.charAt(j) >= '0' && text.charAt(j) <= '9') {
                j++;
            }
            if (j - i >= 7) {
                out.append(maskPhone(text.substring(i, j)));
            } else if (j > i) {
                out.append(text, i, j);
            } else {
                out.append(text.charAt(i));
                j = i + 1;
            }
            i = j;
        }
        return out.toString();
    }

    /**
     * Removes every occurrence of each secret from a text.
     *
     * @param text any text
     * @param secrets tokens, keys or codes; null or blank entries are ignored
     * @return the text with each secret replaced by {@link #REDACTED}
     */
    public static String removeSecrets(String text, @Nullable String... secrets) {
        Objects.requireNonNull(text, "text");
        String out = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isBlank()) {
                out = out.replace(secret, REDACTED);
            }
        }
        return out;
    }
}
