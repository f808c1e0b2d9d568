package io.groupkit.benchmarks;

import io.groupkit.mtproto.Envelope;
import io.groupkit.mtproto.TlException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * MTProto 2.0's envelope (encrypt, then decrypt and check) next to raw AES-256 over the same
 * bytes (one ECB pass each way) in the same run: the cost of IGE chaining, the SHA-256 key
 * derivation and the checks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CryptoBenchmark {
    /** Body size. */
    @Param({"1024", "65536"})
    public int size;

    private Envelope envelope;
    private byte[] data;
    private final SplittableRandom random = new SplittableRandom(1);
    private Cipher encrypt;
    private Cipher decrypt;
    private byte[] block;

    /**
     * Keys and data.
     *
     * @throws Exception if the JDK has no AES
     */
    @Setup
    public void setUp() throws Exception {
        byte[] key = new byte[256];
        random.nextBytes(key);
        envelope = new Envelope(key);
        data = ByteBuffer.allocate(32 + size).order(ByteOrder.LITTLE_ENDIAN).putLong(1).putLong(2).putLong(4)
                .putInt(1).putInt(size).array();
        SecretKeySpec aes = new SecretKeySpec(java.util.Arrays.copyOf(key, 32), "AES");
        encrypt = Cipher.getInstance("AES/ECB/NoPadding");
        encrypt.init(Cipher.ENCRYPT_MODE, aes);
        decrypt = Cipher.getInstance("AES/ECB/NoPadding");
        decrypt.init(Cipher.DECRYPT_MODE, aes);
        block = new byte[32 + size + 16];
    }

    /**
     * Envelope encrypt + decrypt.
     *
     * @return the plaintext
     * @throws TlException never for these bytes
     */
    @Benchmark
    public byte[] envelopeRoundTrip() throws TlException {
        return envelope.decrypt(envelope.encrypt(data, Envelope.FROM_CLIENT, random), Envelope.FROM_CLIENT);
    }

    /**
     * Raw AES over as many bytes, both ways.
     *
     * @return the plaintext
     * @throws Exception never
     */
    @Benchmark
    public byte[] rawAesRoundTrip() throws Exception {
        return decrypt.doFinal(encrypt.doFinal(block));
    }
}
