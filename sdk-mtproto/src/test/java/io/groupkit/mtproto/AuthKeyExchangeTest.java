package io.groupkit.mtproto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client's exchange against the server's side, both random: RSA_PAD round trips, retries, refusals. */
class AuthKeyExchangeTest {
    private static AuthKeyServer.RsaPrivateKey serverKey;
    private static final BigInteger PRIME = new BigInteger(1, AuthKeySampleTest.DH_PRIME);
    private final SecureRandom random = new SecureRandom();

    @BeforeAll
    static void key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
        serverKey = new AuthKeyServer.RsaPrivateKey(new RsaPublicKey(k.getModulus(), k.getPublicExponent()),
                k.getPrivateExponent());
    }

    private AuthKeyServer server(AuthKeyServer.Outcome outcome) {
        return new AuthKeyServer(serverKey, PRIME, 3, random::nextBytes, () -> 1_800_000_000, outcome);
    }

    private AuthKeyExchange client() {
        return AuthKeyExchange.begin(List.of(RsaPublicKey.TELEGRAM, serverKey.publicKey()), 2, random::nextBytes);
    }

    @Test
    void bothSidesMakeTheSameKey() throws Exception {
        for (int i = 0; i < 5; i++) { // RSA_PAD's retry for a number above the modulus happens now and then
            AuthKeyServer s = server(AuthKeyServer.Outcome.OK);
            AuthKeyExchange c = client();
            byte[] dh = s.answer(c.onResPq(s.answer(c.requestPq())));
            AuthKeyExchange.Created created = assertInstanceOf(AuthKeyExchange.Created.class,
                    c.onDhGen(s.answer(c.onServerDhParams(dh, 1_799_999_990))));
            assertArrayEquals(s.authKey().orElseThrow(), created.authKey());
            assertEquals(new Envelope(created.authKey()).authKeyId(), created.authKeyId());
            assertEquals(10, created.serverTimeOffset());
        }
    }

    @Test
    void aRetryIsAnsweredWithANewBAndTheKeyStillAgrees() throws Exception {
        AuthKeyServer s = server(AuthKeyServer.Outcome.RETRY_ONCE);
        AuthKeyExchange c = client();
        byte[] dh = s.answer(c.onResPq(s.answer(c.requestPq())));
        AuthKeyExchange.Again again = assertInstanceOf(AuthKeyExchange.Again.class, c.onDhGen(s.answer(c.onServerDhParams(dh, 0))));
        TlReader r = new TlReader(again.request());
        assertEquals(AuthKeyExchange.SET_CLIENT_DH_PARAMS, r.int32());
        AuthKeyExchange.Created created = assertInstanceOf(AuthKeyExchange.Created.class, c.onDhGen(s.answer(again.request())));
        assertArrayEquals(s.authKey().orElseThrow(), created.authKey());
    }

    @Test
    void aFailedKeyAndAForgedAnswerEndTheExchange() throws Exception {
        AuthKeyServer s = server(AuthKeyServer.Outcome.FAIL);
        AuthKeyExchange c = client();
        byte[] dh = s.answer(c.onResPq(s.answer(c.requestPq())));
        byte[] fail = s.answer(c.onServerDhParams(dh, 0));
        AuthKeyException e = assertThrows(AuthKeyException.class, () -> c.onDhGen(fail));
        assertTrue(e.getMessage().contains("dh_gen_fail"), e.getMessage());

        AuthKeyServer s2 = server(AuthKeyServer.Outcome.OK);
        AuthKeyExchange c2 = client();
        byte[] dh2 = s2.answer(c2.onResPq(s2.answer(c2.requestPq())));
        byte[] ok = s2.answer(c2.onServerDhParams(dh2, 0));
        ok[ok.length - 1] ^= 1; // new_nonce_hash1 forged
        assertThrows(AuthKeyException.class, () -> c2.onDhGen(ok));
    }

    @Test
    void aServerWithAKeyTheClientDoesNotTrustGetsNothing() throws Exception {
        AuthKeyServer s = server(AuthKeyServer.Outcome.OK);
        AuthKeyExchange c = AuthKeyExchange.begin(RsaPublicKey.telegram(), 2, random::nextBytes);
        byte[] resPq = s.answer(c.requestPq());
        AuthKeyException e = assertThrows(AuthKeyException.class, () -> c.onResPq(resPq));
        assertTrue(e.getMessage().contains("trusts"), e.getMessage());
        assertThrows(IllegalStateException.class, c::requestPq, "one exchange per instance, in order");
    }

    @Test
    void pqOfEverySizeServersUseSplits() throws Exception {
        for (long[] pq : new long[][] {{1_229_739_323L, 1_402_015_859L}, {0x44095e05L, 0x47a8c84fL}, {3, 5}, {65_521, 65_537}}) {
            assertArrayEquals(pq, PqFactor.split(pq[0] * pq[1]));
        }
        assertThrows(AuthKeyException.class, () -> PqFactor.split(1_229_739_323L * 1_229_739_323L), "a square");
        assertThrows(AuthKeyException.class, () -> PqFactor.split(97), "a prime");
        assertThrows(AuthKeyException.class, () -> PqFactor.split(1L << 40), "even");
    }
}
