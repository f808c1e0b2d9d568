package io.groupkit.core;

/** Small text helpers for messages that quote caller input. */
final class Texts {
    private Texts() {
    }

    /** Shortens quoted input so a huge argument cannot flood an exception message. */
    static String clip(String s) {
        String printable = s.codePoints()
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return printable.length() <= 40 ? printable : printable.substring(0, 40) + "…";
    }
}
