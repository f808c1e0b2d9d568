package io.groupkit.http.internal;

import java.nio.charset.StandardCharsets;

/** An answer's body as one printable line, for descriptions of unexpected answers. */
public final class BodyText {
    private BodyText() {
    }

    /**
     * The first {@code max} bytes as UTF-8, every control character (line breaks included) a space,
     * stripped. A loop rather than a regular expression: Green-API's reading calls this on every
     * answer it keeps for a description.
     *
     * @param body the bytes
     * @param max how many bytes at most
     * @return the text
     */
    public static String printable(byte[] body, int max) {
        char[] chars = new String(body, 0, Math.min(body.length, max), StandardCharsets.UTF_8).toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (Character.isISOControl(chars[i])) {
                chars[i] = ' ';
            }
        }
        return new String(chars).strip();
    }
}
