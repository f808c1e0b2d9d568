package io.groupkit.benchmarks;

import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.Framing;
import io.groupkit.telegram.TelegramSession;
import io.groupkit.telegram.internal.MtprotoConnection;
import io.groupkit.telegram.internal.Requests;
import io.groupkit.telegram.internal.RpcAnswer;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One MTProto call (contacts.resolveUsername) through the fake server over loopback — client and
 * server each encrypt, decrypt and check — next to a plain socket echo of the same sizes (the
 * request's and the answer's frames) in the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MtprotoRoundTripBenchmark {
    /** Frame sizes of one resolveUsername call (request, answer), on average: padding varies by 0 to 32 bytes. */
    static final int REQUEST_BYTES = 108;
    static final int ANSWER_BYTES = 188;

    private TelegramSimulator sim;
    private MtprotoConnection connection;
    private byte[] query;
    private ServerSocket echoServer;
    private Thread echoThread;
    private Socket echo;
    private byte[] request;
    private byte[] answer;

    /**
     * The fake server and a warmed connection (salt and session settled), and the echo server.
     *
     * @throws IOException if loopback fails
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        sim = TelegramSimulator.start();
        sim.user(101, "member_101", null);
        TelegramSession session = TelegramSession.fromTelethon(sim.sessionString());
        connection = new MtprotoConnection(new MtprotoConnection.Settings(session.host(), session.port(),
                Framing.INTERMEDIATE, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofHours(1), 1 << 20, 228, 1,
                "bench", "Java", "bench", "en"), session.authKey(), 0, TimeSource.system(), new SecureRandom());
        query = Requests.resolveUsername("member_101");
        if (!(connection.call(query) instanceof RpcAnswer.Result)) {
            throw new IllegalStateException("the fake server did not answer");
        }
        echoServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        echoThread = new Thread(this::echoLoop, "echo");
        echoThread.setDaemon(true);
        echoThread.start();
        echo = new Socket(InetAddress.getLoopbackAddress(), echoServer.getLocalPort());
        echo.setTcpNoDelay(true);
        request = new byte[REQUEST_BYTES];
        answer = new byte[ANSWER_BYTES];
    }

    private void echoLoop() {
        try (Socket s = echoServer.accept()) {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] got = new byte[REQUEST_BYTES];
            byte[] reply = new byte[ANSWER_BYTES];
            while (in.readNBytes(got, 0, REQUEST_BYTES) == REQUEST_BYTES) {
                out.write(reply);
                out.flush();
            }
        } catch (IOException e) {
            // closed by tearDown
        }
    }

    /**
     * One encrypted call and its checked answer.
     *
     * @return the answer
     */
    @Benchmark
    public RpcAnswer mtprotoCall() {
        return connection.call(query);
    }

    /**
     * The same bytes each way on a plain socket.
     *
     * @return the answer's bytes
     * @throws IOException if loopback fails
     */
    @Benchmark
    public byte[] plainEcho() throws IOException {
        echo.getOutputStream().write(request);
        echo.getOutputStream().flush();
        echo.getInputStream().readNBytes(answer, 0, ANSWER_BYTES);
        return answer;
    }

    /**
     * Stops both servers.
     *
     * @throws IOException if closing fails
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        connection.close();
        sim.close();
        echo.close();
        echoServer.close();
    }
}
