package io.groupkit.telegram.internal;

/** Exceptions told in the texts that report them. */
public final class Exceptions {
    private Exceptions() {
    }

    /**
     * What an exception says: its message, or its class's simple name if it has none (the
     * adapter's own exceptions always have one).
     *
     * @param e the exception
     * @return never null
     */
    public static String message(Throwable e) {
        String message = e.getMessage();
        return message != null ? message : e.getClass().getSimpleName();
    }
}
