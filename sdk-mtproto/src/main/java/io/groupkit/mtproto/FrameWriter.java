package io.groupkit.mtproto;

/**
 * Frames the packets one side sends on one connection: the transport's tag before the first, then
 * each packet as its transport frames it, numbered for the full transport.
 */
public final class FrameWriter {
    private final Framing framing;
    private int sent;

    /**
     * A writer for a new connection.
     *
     * @param framing the transport
     */
    public FrameWriter(Framing framing) {
        this.framing = framing;
    }

    /**
     * The bytes a client sends once, before its first packet (none for the full transport).
     *
     * @return the tag
     */
    public byte[] tag() {
        return framing.tag();
    }

    /**
     * The next packet.
     *
     * @param payload the payload; for abridged a multiple of 4 bytes
     * @return the frame
     */
    public byte[] frame(byte[] payload) {
        return framing == Framing.FULL ? Framing.full(payload, sent++) : framing.frame(payload);
    }
}
