package io.groupkit.examples.cli;

/** A mistake in how the command was called or in its input: one line that says what to do. */
final class Usage extends Exception {
    private static final long serialVersionUID = 1L;

    Usage(String message) {
        super(message, null, false, false);
    }
}
