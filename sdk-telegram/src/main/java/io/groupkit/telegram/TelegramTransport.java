package io.groupkit.telegram;

/** MTProto's TCP transports a client may choose. */
public enum TelegramTransport {
    /** One byte of length for small packets: the least overhead. */
    ABRIDGED,
    /** Four bytes of length for every packet: the default. */
    INTERMEDIATE
}
