package io.groupkit.mtproto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Two-step verification's SRP-6a against the algorithm as core.telegram.org/api/srp states it,
 * played from the server's side here: the server keeps only v = g^x, sends B = k·v + g^b, and
 * accepts M1 only if its own S = (A·v^u)^b agrees with the client's. The PBKDF2 is checked
 * against the JDK's own.
 */
class SrpTest {
    private static final BigInteger P = DhChecks.TELEGRAM_PRIME;
    private static final BigInteger G = BigInteger.valueOf(3);
    private final SecureRandom random = new SecureRandom();

    /** The server's side of one check, written out from the documentation's formulas. */
    private final class Server {
        final byte[] salt1 = new byte[40];
        final byte[] salt2 = new byte[16];
        final BigInteger v;
        final BigInteger b = new BigInteger(2048, random);
        final BigInteger gB;

        Server(String password) {
            random.nextBytes(salt1);
            random.nextBytes(salt2);
            v = G.modPow(new BigInteger(1, Srp.passwordHash(password.toCharArray(), salt1, salt2)), P);
            BigInteger k = new BigInteger(1, Digests.sha256(pad(P), pad(G)));
            gB = k.multiply(v).add(G.modPow(b, P)).mod(P);
        }

        Srp.Parameters parameters() {
            return new Srp.Parameters(salt1, salt2, 3, pad(P), pad(gB), 7_777L);
        }

        boolean accepts(Srp.Check check) {
            BigInteger a = new BigInteger(1, check.a());
            BigInteger u = new BigInteger(1, Digests.sha256(pad(a), pad(gB)));
            BigInteger s = a.multiply(v.modPow(u, P)).modPow(b, P);
            byte[] k = Digests.sha256(pad(s));
            byte[] hp = Digests.sha256(pad(P));
            byte[] hg = Digests.sha256(pad(G));
            for (int i = 0; i < hp.length; i++) {
                hp[i] ^= hg[i];
            }
            byte[] m1 = Digests.sha256(hp, Digests.sha256(salt1), Digests.sha256(salt2), pad(a), pad(gB), k);
            return Arrays.equals(m1, check.m1()) && check.srpId() == 7_777L;
        }
    }

    private static byte[] pad(BigInteger v) {
        return RsaPublicKey.toBytes(v, 256);
    }

    @Test
    void theServerAcceptsTheRightPasswordOnlyWhateverItsLetters() throws Exception {
        for (String password : new String[] {"correct horse battery staple", "пароль ünïcødé 密码"}) {
            Server server = new Server(password);
            Srp.Check check = Srp.check(password.toCharArray(), server.parameters(), random::nextBytes);
            assertEquals(256, check.a().length);
            assertEquals(32, check.m1().length);
            assertEquals(true, server.accepts(check), password);
            Srp.Check wrong = Srp.check((password + "!").toCharArray(), server.parameters(), random::nextBytes);
            assertFalse(server.accepts(wrong), "a wrong password is refused");
            assertFalse(check.toString().contains(new BigInteger(1, check.m1()).toString(16)), "nothing secret in toString");
        }
    }

    @Test
    void badParametersAreRefusedBeforeAnythingIsSent() {
        Server server = new Server("pw");
        Srp.Parameters p = server.parameters();
        assertThrows(AuthKeyException.class, () -> Srp.check("pw".toCharArray(),
                new Srp.Parameters(p.salt1(), p.salt2(), 3, p.p(), pad(BigInteger.ONE), 1), random::nextBytes), "B = 1");
        assertThrows(AuthKeyException.class, () -> Srp.check("pw".toCharArray(),
                new Srp.Parameters(p.salt1(), p.salt2(), 3, pad(P.add(BigInteger.valueOf(6))), p.gB(), 1), random::nextBytes),
                "p not a safe prime");
    }

    @Test
    void pbkdf2AgreesWithTheJdks() throws Exception {
        byte[] salt = "NaCl and pepper".getBytes(StandardCharsets.UTF_8);
        for (int rounds : new int[] {1, 2, 4096}) {
            byte[] jdk = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(new PBEKeySpec("password".toCharArray(), salt, rounds, 512)).getEncoded();
            assertArrayEquals(jdk, Srp.pbkdf2Sha512("password".getBytes(StandardCharsets.UTF_8), salt, rounds), "rounds " + rounds);
        }
    }
}
