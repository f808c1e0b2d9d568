package io.groupkit.telegram.internal;

import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.AuthKeyException;
import io.groupkit.mtproto.AuthKeyExchange;
import io.groupkit.mtproto.FrameReader;
import io.groupkit.mtproto.FrameWriter;
import io.groupkit.mtproto.Framing;
import io.groupkit.mtproto.PlainMessage;
import io.groupkit.mtproto.RsaPublicKey;
import io.groupkit.mtproto.TlException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * One auth key exchange over its own TCP connection, on the caller's thread: {@link AuthKeyExchange}'s
 * steps sent as unencrypted messages, each answer awaited within what is left of the timeout.
 */
public final class KeyCreation {
    private static final int MAX_FRAME = 64 * 1024;

    private final String host;
    private final int port;
    private final int dcId;
    private final List<RsaPublicKey> keys;
    private final Framing framing;
    private final Duration timeout;
    private final TimeSource time;
    private final SecureRandom random;

    /** The exchange did not make a key; the message says why, without secrets. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message);
        }
    }

    /**
     * An exchange, not yet run.
     *
     * @param host the data centre's address
     * @param port its port
     * @param dcId its number
     * @param keys the RSA keys trusted
     * @param framing the transport
     * @param timeout the bound on the whole exchange
     * @param time the clock of message ids
     * @param random the random source
     */
    public KeyCreation(String host, int port, int dcId, List<RsaPublicKey> keys, Framing framing, Duration timeout,
                       TimeSource time, SecureRandom random) {
        this.host = host;
        this.port = port;
        this.dcId = dcId;
        this.keys = keys;
        this.framing = framing;
        this.timeout = timeout;
        this.time = time;
        this.random = random;
    }

    /**
     * Runs the exchange.
     *
     * @return the 256-byte auth key
     * @throws Failure if no key was made
     */
    public byte[] run() throws Failure {
        long deadline = System.nanoTime() + timeout.toNanos();
        MessageIds ids = new MessageIds(time);
        AuthKeyExchange x = AuthKeyExchange.begin(keys, dcId, random::nextBytes);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            FrameReader frames = new FrameReader(framing, MAX_FRAME);
            Deque<FrameReader.Frame> pending = new ArrayDeque<>();
            FrameWriter writer = new FrameWriter(framing);
            out.write(writer.tag());
            byte[] request = x.requestPq();
            request = x.onResPq(exchange(out, writer, in, frames, pending, socket, ids, request, deadline));
            long now = time.now().getEpochSecond();
            request = x.onServerDhParams(exchange(out, writer, in, frames, pending, socket, ids, request, deadline), now);
            for (int round = 0; round < 6; round++) {
                AuthKeyExchange.Answer a = x.onDhGen(exchange(out, writer, in, frames, pending, socket, ids, request, deadline));
                if (a instanceof AuthKeyExchange.Created created) {
                    return created.authKey();
                }
                request = ((AuthKeyExchange.Again) a).request();
            }
            throw new Failure("the server kept asking to retry");
        } catch (AuthKeyException e) {
            throw new Failure(Exceptions.message(e));
        } catch (TlException e) {
            throw new Failure("a malformed answer (" + e.getMessage() + ")");
        } catch (SocketTimeoutException e) {
            throw new Failure("no answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new Failure("the connection failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private byte[] exchange(OutputStream out, FrameWriter writer, InputStream in, FrameReader frames, Deque<FrameReader.Frame> pending,
                            Socket socket, MessageIds ids, byte[] body, long deadline)
            throws IOException, TlException, Failure {
        byte[] message = PlainMessage.wrap(ids.next(), body);
        out.write(writer.frame(message));
        out.flush();
        byte[] buf = new byte[8192];
        while (pending.isEmpty()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException();
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            int n = in.read(buf);
            if (n < 0) {
                throw new Failure("the server closed the connection");
            }
            pending.addAll(frames.feed(Arrays.copyOf(buf, n)));
        }
        FrameReader.Frame f = pending.poll();
        if (f instanceof FrameReader.TransportError e) {
            throw new Failure("the server answered transport error " + e.code());
        }
        if (f instanceof FrameReader.ForeignProtocol foreign) {
            throw new Failure("an " + foreign.protocol() + " server or proxy answered at " + host + ":" + port
                    + ", not Telegram");
        }
        byte[] payload = ((FrameReader.Packet) f).payload();
        if (!PlainMessage.isPlain(payload)) {
            throw new Failure("the server answered with an encrypted message during the exchange");
        }
        return PlainMessage.body(payload);
    }
}
