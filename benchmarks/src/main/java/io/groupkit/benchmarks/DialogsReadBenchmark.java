package io.groupkit.benchmarks;

import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.Envelope;
import io.groupkit.mtproto.Framing;
import io.groupkit.mtproto.InnerMessage;
import io.groupkit.mtproto.TlException;
import io.groupkit.telegram.TelegramSession;
import io.groupkit.telegram.internal.Dialogs;
import io.groupkit.telegram.internal.MtprotoConnection;
import io.groupkit.telegram.internal.RpcAnswer;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading a page of 100 dialogs with the layer-228 table (every message, chat and user read
 * whole, to reach the chats), next to decrypting the same answer's packet, in the same run: what
 * the table costs next to what every answer costs anyway.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DialogsReadBenchmark {
    private byte[] answer;
    private Envelope envelope;
    private byte[] packet;

    /**
     * One getDialogs answer of 100 dialogs (50 basic groups, 50 supergroups), taken from the fake
     * server, and the same bytes as an encrypted packet.
     */
    @Setup(Level.Trial)
    public void setUp() {
        try (TelegramSimulator sim = TelegramSimulator.start()) {
            for (int i = 0; i < 100; i++) {
                if (i % 2 == 0) {
                    sim.basicGroup(20_000 + i);
                } else {
                    sim.supergroup(30_000 + i);
                }
            }
            TelegramSession session = TelegramSession.fromTelethon(sim.sessionString());
            try (MtprotoConnection c = new MtprotoConnection(new MtprotoConnection.Settings(session.host(), session.port(),
                    Framing.INTERMEDIATE, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofHours(1), 1 << 20, 228, 1,
                    "bench", "Java", "bench", "en"), session.authKey(), 0, TimeSource.system(), new SecureRandom())) {
                if (!(c.call(Dialogs.request(Dialogs.Offset.start(0), 100)) instanceof RpcAnswer.Result r)) {
                    throw new IllegalStateException("the fake server did not answer getDialogs");
                }
                answer = r.body();
            }
            envelope = new Envelope(session.authKey());
            packet = envelope.encrypt(new InnerMessage(1, 2, 4, 1, answer).encode(), Envelope.FROM_SERVER,
                    new SplittableRandom(7));
        }
    }

    /**
     * Reads the page: 100 dialogs, their messages, chats and users.
     *
     * @return how many groups it held
     * @throws TlException never on these bytes
     */
    @Benchmark
    public int readWithTable() throws TlException {
        return Dialogs.read(answer, 100, 0).groups().size();
    }

    /**
     * Decrypts and checks the packet the same answer came in.
     *
     * @return its length
     * @throws TlException never on these bytes
     */
    @Benchmark
    public int decryptPacket() throws TlException {
        return envelope.decrypt(packet, Envelope.FROM_SERVER).length;
    }
}
