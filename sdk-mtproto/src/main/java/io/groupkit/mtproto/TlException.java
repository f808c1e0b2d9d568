package io.groupkit.mtproto;

/** Bytes that are not the TL (or transport frame) the reader expected; the message says what was wrong. */
public final class TlException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * An exception.
     *
     * @param message what was expected and what was found
     */
    public TlException(String message) {
        super(message);
    }
}
