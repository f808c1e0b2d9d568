package io.groupkit.telegram;

/** MTProto's TCP transports a client may choose. */
public enum TelegramTransport {
    /** One byte of length for small packets: the least overhead. */
    ABRIDGED,
    /** Four bytes of length for every packet: the default. */
    INTERMEDIATE,
    /** Length, packet number and CRC32 on every packet: for networks that may corrupt or reorder bytes. */
    FULL;

    /** The framing of this transport. */
    io.groupkit.mtproto.Framing framing() {
        return switch (this) {
            case ABRIDGED -> io.groupkit.mtproto.Framing.ABRIDGED;
            case INTERMEDIATE -> io.groupkit.mtproto.Framing.INTERMEDIATE;
            case FULL -> io.groupkit.mtproto.Framing.FULL;
        };
    }
}
