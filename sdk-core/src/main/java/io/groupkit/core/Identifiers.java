package io.groupkit.core;

import java.util.Objects;

/** Checks for opaque provider identifiers. */
final class Identifiers {
    private Identifiers() {
    }

    static String check(String id, String what) {
        Objects.requireNonNull(id, what + " must not be null");
        String stripped = id.strip();
        if (stripped.isEmpty() || stripped.length() > 256
                || stripped.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("expected a " + what + " of 1 to 256 characters without white space, got "
                    + (stripped.isEmpty() ? "a blank string" : "'" + Texts.clip(id) + "'"));
        }
        return stripped;
    }
}
