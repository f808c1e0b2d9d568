package io.groupkit.mtproto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The auth key exchange against Telegram's published sample (core.telegram.org/mtproto/samples-auth_key):
 * the sample's random values are fed in, and every value of the sample that does not depend on
 * randomness the page leaves out must come out byte for byte. What the page does not give — the
 * RSA_PAD temporary key and padding — is random here; RSA_PAD itself is checked by a round trip in
 * {@link AuthKeyExchangeTest}.
 */
class AuthKeySampleTest {
    private static final HexFormat HEX = HexFormat.of();

    static final byte[] NONCE = hex("79F0AFB50252E5FC96924BFCECDA4F05");
    static final byte[] SERVER_NONCE = hex("801775A3EFBFD2701AA28AD727BE4646");
    static final byte[] NEW_NONCE = hex("264F835B0B7BDFF9C6ED6CF819FD6DF5DCD17E90D67ADD2C2C1E3775C7A6A0AC");
    static final long PQ = 0x130B7475669FEB8BL;
    static final byte[] ENCRYPTED_ANSWER = hex("9A46DCE9D54DE42C5E4F0D19D776C8C1F318EB1AF8836500B5DA1B1A80D58038"
            + "A554FEAF627E6DC4E4924943602D8E19488A6E38A0B81346257E4DB5BE6E9E00"
            + "FE991FD6C56D618D3D0A2493202677AC7CF245846C1494F60D08E61B7FEA8BB7"
            + "2DD8BA53F6CBF78F2B387757FE2E7F345A368ABBEC694EFDE066DC3D2375CF01"
            + "0D1E1BF4351724B269E68B541409E07649FEEE1DF6DC5B3C18166879CC678767"
            + "82D43EC9B79AF8ACF67868F4AB7DE4082603B670EC622B5DFBBB9E908FE02445"
            + "93A4D22474316020CE0E76A5C6AD021D3989451E0B3E8EE48C355992DB90300B"
            + "376B296E18BB470300C7DF14BFAE05A452583EAD93167941208BBB5AC8099F04"
            + "94AA27D6C1A5B678AD12B19FB7D423BB4A29C0EB03169EC538211D82FEB50F20"
            + "9652D00D3399986B3B0CA09CEB5E2FCCB49017FEE5F54930D9DE371172B3FF10"
            + "80D733E5DD620B42DBB76A3E9C25B1B89AB8AA35C099322CA390E269D8818EA8"
            + "722008DE537705B4071DA7DEF502FCD5A30D2026EA8A87A0F4915803A8271B66"
            + "5690E96AABDFC0B479538AE61BA701EDFF14F7212370958ED41EC8E41E427C40"
            + "7FBB0360565C1A6BDF285BC5120B11631B75803DFBF8AAEBDC47418A1F061747"
            + "005ABA9314EE5E261C3E504EAE0ADAAC832B414BF6F7002982CE5B5AE2513761"
            + "EE29FA1CBA090B9A39AACE2948A80E144DB2C622589D79FB42E3DAE491104E8A"
            + "653DED7629CDE08B6C41E90E55B0EBCD4F1FC50FADDF4A7A9F6D711F0959DFEF"
            + "04A744A6ADFD890B2AB405B9AD5F8E3F38928108F4CD0BA501A492FC463BC7BE"
            + "8C506B5F7D24CC819A95929166B6E814");
    static final byte[] DH_PRIME = hex("C71CAEB9C6B1C9048E6C522F70F13F73980D40238E3E21C14934D037563D930F"
            + "48198A0AA7C14058229493D22530F4DBFA336F6E0AC925139543AED44CCE7C37"
            + "20FD51F69458705AC68CD4FE6B6B13ABDC9746512969328454F18FAF8C595F64"
            + "2477FE96BB2A941D5BCD1D4AC8CC49880708FA9B378E3C4F3A9060BEE67CF9A4"
            + "A4A695811051907E162753B56B0F6B410DBA74D8A84B2A14B3144E0EF1284754"
            + "FD17ED950D5965B4B9DD46582DB1178D169C6BC465B0D6FF9CA3928FEF5B9AE4"
            + "E418FC15E83EBEA0F87FA9FF5EED70050DED2849F47BF959D956850CE929851F"
            + "0D8115F635B105EE2E4E15D04B2454BF6F4FADF034B10403119CD8E3B92FCC5B");
    static final byte[] G_A = hex("236F6D779877A357465CEC030AC5FDA6D6B377372BFA75574289988FD87D966A"
            + "29B47E0C00BC788900304EA5E03F3856058C309A6CB508553913788D41A61B1D"
            + "82B0A2F932C68F18FC21851E66D8649AD9E2092F08C96AD67810724369BF0511"
            + "E74E1F71F1A825EDDFA1D5DC30E359693C0366FF9FB6828699ACFD1F037116F9"
            + "5ADD42F6C64B580B3287AA32FBA518E4B8C9C7B52413B501247DB05ADDD89179"
            + "4394DB529E66890603BCD75CF70E6151398EE85F6D8178EA72C6A61937BCE32B"
            + "FDAEA86B57A27EBC379933F54C7D44F3E407ED26685D88F0F10A344CDF62F4E2"
            + "0974B374BA1D41DF223A867DD19713CF0FF71F24465D79258B1742916EE35EE3");
    static final byte[] B = hex("F2987DDA0ABCE0B7CE23A7B850BE126641CBAABC1F4C250C839E1844E2E2CBE5"
            + "7BC0A30B45F6C21D8635F5E927DB0D7498A2F03C6A42D3FB2F3787D5B4D63C2F"
            + "17A6EB197C0412237E528B68D3D70ADCDEEBD7CD6BACEC59D4FB8F17125ED00B"
            + "95B34A2D5D8A2133937B5DFEF6DB09F0A3A1BC207A87D9FE4761C59880CA5514"
            + "32E4AFFCF3982B11EABC526977215F4AC2CE20FA7C808A971DA8C8A08FF26DEB"
            + "B326EE580B551BEAF0C4B677FCE00E5C6AAEDA3A5A42F38C9C6E226EEDED0502"
            + "A6BEFC991CC1E0B504E187206D172E72E05D958009FB8C27616EBDD28247262A"
            + "33AF25E911C9DC22D9A88C6E31A623E6C1E1011CDBD184F6DFFC4F77F5370F16");
    static final byte[] G_B = hex("5EEDFBF6A2199CD1B06182C5C4E0DC26B69ECDE1AD6430D192CD8A69E7434B66"
            + "A42900AF29B3F41C619AD383FB3721705CF52C34C0507433F743592EE5D4FC50"
            + "F64E0F8686870E36179AF8C8F4587BD572E98AF4A8247DE2F524BCD48642B38F"
            + "36104046D7502CDC14BF39A88422B4B1111D886A326C473D1145E69E37C676E1"
            + "E8FDA07E470482F853886700AE1E7FFDE69FF6D40547C515110B74C6680C844B"
            + "61504FE0A2D3E08BB7BAE70016C97D7E6B7FA4CEBFE6B5BE30C884849ADE39CC"
            + "50FD9B4FB16F671EFE8533D0BF7FF8BF13957F1E0D55E713199CEACC72419AF6"
            + "0CDB1D561084565E9F090141B9F8732B2E806C1B01B25BAFFC4EE1BD5525CB8A");
    static final byte[] AUTH_KEY = hex("83CBD31C0303361FF1C29437A77CBA749C84F28A118646038C7EDD29EF718A1F"
            + "6A493047D476A6E678D97A4A5CC7990CEA552D68E109869E5BFC86570049CD8F"
            + "2EB4BA10B6C4123FB8A977774B4C5185B5C96AF7BD7A71DB78E6E6148CED2048"
            + "869A21B8ED7FBA7F6F2E7722BFA28447AB84A245CB0E6D01261191B753191E74"
            + "4DCFDA522D50167832EE4D5EE90AAA6F31821248F0F06BF5692EF604CFC4316C"
            + "EDE078F71E17BCEBBE388589E6707AF5BA26E8DD063BB116C4B4E7BEF3B462C3"
            + "350D0376D42F95D353E46BE4C378D2A60141A2339641F8B712EB3ECFB42B7F26"
            + "F69E9BB15373E0AC4BE266E1681859DDAAB8CD7D877BB847D2A8BD068A784943");

    private static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    /** Hands out the given arrays in order; anything the sample does not fix gets a counter's bytes. */
    static final class Scripted implements AuthKeyExchange.Entropy {
        private final ArrayDeque<byte[]> values;
        private int filler = 1;

        Scripted(byte[]... values) {
            this.values = new ArrayDeque<>(List.of(values));
        }

        @Override
        public void fill(byte[] bytes) {
            byte[] next = values.peek();
            if (next != null && next.length == bytes.length) {
                System.arraycopy(values.poll(), 0, bytes, 0, bytes.length);
                return;
            }
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (filler++ * 37);
            }
        }
    }

    static byte[] resPq(byte[] nonce, byte[] serverNonce, long pq, long... fingerprints) {
        return new TlWriter().int32(AuthKeyExchange.RES_PQ).raw(nonce).raw(serverNonce)
                .bytes(RsaPublicKey.unsigned(BigInteger.valueOf(pq))).vectorOfLongs(fingerprints).toByteArray();
    }

    static byte[] serverDhParamsOk(byte[] nonce, byte[] serverNonce, byte[] encrypted) {
        return new TlWriter().int32(AuthKeyExchange.SERVER_DH_PARAMS_OK).raw(nonce).raw(serverNonce).bytes(encrypted)
                .toByteArray();
    }

    @Test
    void theSampleExchangeComesOutByteForByte() throws Exception {
        // The sample's random values, in the order the client draws them: nonce, new_nonce (with
        // the RSA_PAD padding and temporary key between them and b), b.
        AuthKeyExchange x = AuthKeyExchange.begin(RsaPublicKey.telegram(), 2, new Scripted(NONCE, NEW_NONCE, B));

        // 1) req_pq_multi, as the page shows it sent.
        long msgId = ByteBuffer.wrap(hex("60970500EBE57767")).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertArrayEquals(hex("0000000000000000" + "60970500EBE57767" + "14000000" + "F18E7EBE"
                + "79F0AFB50252E5FC96924BFCECDA4F05"), PlainMessage.wrap(msgId, x.requestPq()));

        // 2) resPQ with the sample's server_nonce and pq, naming Telegram's production key.
        assertEquals(0xd09d1d85de64fd85L, RsaPublicKey.TELEGRAM.fingerprint(), "the published fingerprint of the key");
        byte[] reqDh = x.onResPq(resPq(NONCE, SERVER_NONCE, PQ, 0x1234L, RsaPublicKey.TELEGRAM.fingerprint()));
        TlReader r = new TlReader(reqDh);
        assertEquals(AuthKeyExchange.REQ_DH_PARAMS, r.int32());
        assertArrayEquals(NONCE, r.raw(16));
        assertArrayEquals(SERVER_NONCE, r.raw(16));
        long p = new BigInteger(1, r.bytes()).longValueExact();
        long q = new BigInteger(1, r.bytes()).longValueExact();
        assertEquals(PQ, p * q);
        assertTrue(p < q && BigInteger.valueOf(p).isProbablePrime(50) && BigInteger.valueOf(q).isProbablePrime(50));
        assertEquals(RsaPublicKey.TELEGRAM.fingerprint(), r.int64(), "the key the server named that the client trusts");
        assertEquals(256, r.bytes().length, "RSA_PAD gives 256 bytes");
        assertEquals(0, r.remaining());

        // 3) The page's tmp_aes_key and tmp_aes_iv, and its encrypted answer decrypted and checked.
        byte[][] tmp = AuthKeyExchange.temporaryKey(NEW_NONCE, SERVER_NONCE);
        assertArrayEquals(hex("E68CA5ABA101FFCA0ADDA66303A57AFFAA2712FB16A7B8DAFC72C25E8A73A368"), tmp[0]);
        assertArrayEquals(hex("0A355D4431B9DDD91A51EFF3F7D340D64F0390C53F91DC53C331D43C264F835B"), tmp[1]);
        byte[] setClient = x.onServerDhParams(serverDhParamsOk(NONCE, SERVER_NONCE, ENCRYPTED_ANSWER), 0);
        TlReader s = new TlReader(setClient);
        assertEquals(AuthKeyExchange.SET_CLIENT_DH_PARAMS, s.int32());
        assertArrayEquals(NONCE, s.raw(16));
        assertArrayEquals(SERVER_NONCE, s.raw(16));
        byte[] inner = AesIge.decrypt(tmp[0], tmp[1], s.bytes());
        TlReader c = new TlReader(inner, 20, inner.length - 20);
        assertEquals(AuthKeyExchange.CLIENT_DH_INNER_DATA, c.int32());
        assertArrayEquals(NONCE, c.raw(16));
        assertArrayEquals(SERVER_NONCE, c.raw(16));
        assertEquals(0, c.int64(), "retry_id 0 on the first try");
        assertArrayEquals(G_B, c.bytes(), "the page's g_b from its b");
        int innerLength = inner.length - 20 - c.remaining();
        assertArrayEquals(Arrays.copyOf(inner, 20), Digests.sha1(Arrays.copyOfRange(inner, 20, 20 + innerLength)));

        // 4) dh_gen_ok: the page's auth key, its id, and the first salt.
        byte[] aux = Arrays.copyOf(Digests.sha1(AUTH_KEY), 8);
        byte[] ok = new TlWriter().int32(AuthKeyExchange.DH_GEN_OK).raw(NONCE).raw(SERVER_NONCE)
                .raw(AuthKeyExchange.newNonceHash(NEW_NONCE, 1, aux)).toByteArray();
        AuthKeyExchange.Created created = assertInstanceOf(AuthKeyExchange.Created.class, x.onDhGen(ok));
        assertArrayEquals(AUTH_KEY, created.authKey());
        assertArrayEquals(hex("0438720625F291F6"), ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(created.authKeyId()).array(), "auth_key_id: SHA1(auth_key)[12, 20)");
        assertEquals(new Envelope(AUTH_KEY).authKeyId(), created.authKeyId());
        long salt = ByteBuffer.wrap(NEW_NONCE, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()
                ^ ByteBuffer.wrap(SERVER_NONCE, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(salt, created.serverSalt());
        assertFalse(created.toString().contains(HEX.formatHex(AUTH_KEY, 0, 8)), "the key stays out of toString");
    }

    @Test
    void theSampleAnswerRefusesEveryTamperedByteAndAForeignNonce() throws Exception {
        for (int at : new int[] {0, 17, 300, 591}) {
            AuthKeyExchange x = AuthKeyExchange.begin(RsaPublicKey.telegram(), 2, new Scripted(NONCE, NEW_NONCE, B));
            x.requestPq();
            x.onResPq(resPq(NONCE, SERVER_NONCE, PQ, RsaPublicKey.TELEGRAM.fingerprint()));
            byte[] tampered = ENCRYPTED_ANSWER.clone();
            tampered[at] ^= 0x40;
            assertThrows(Exception.class, () -> x.onServerDhParams(serverDhParamsOk(NONCE, SERVER_NONCE, tampered), 0),
                    "a changed byte at " + at);
        }
        AuthKeyExchange y = AuthKeyExchange.begin(RsaPublicKey.telegram(), 2, new Scripted(NONCE, NEW_NONCE, B));
        y.requestPq();
        byte[] otherNonce = NONCE.clone();
        otherNonce[3] ^= 1;
        AuthKeyException e = assertThrows(AuthKeyException.class,
                () -> y.onResPq(resPq(otherNonce, SERVER_NONCE, PQ, RsaPublicKey.TELEGRAM.fingerprint())));
        assertTrue(e.getMessage().contains("nonce"), e.getMessage());
        AuthKeyExchange z = AuthKeyExchange.begin(RsaPublicKey.telegram(), 2, new Scripted(NONCE, NEW_NONCE, B));
        z.requestPq();
        assertThrows(AuthKeyException.class, () -> z.onResPq(resPq(NONCE, SERVER_NONCE, PQ, 0x1234L)),
                "no key this client trusts");
    }

    @Test
    void theSamplesPrimeAndValuesPassTheChecksAndBadOnesDoNot() throws Exception {
        BigInteger prime = new BigInteger(1, DH_PRIME);
        assertEquals(DhChecks.TELEGRAM_PRIME, prime, "the prime GroupKit knows is the sample's");
        assertTrue(prime.isProbablePrime(64) && prime.shiftRight(1).isProbablePrime(64), "a safe prime");
        DhChecks.checkGroup(3, prime);
        DhChecks.checkValue(new BigInteger(1, G_A), prime, "g_a");
        assertThrows(AuthKeyException.class, () -> DhChecks.checkGroup(2, prime), "3 is the sample's generator; 2 is not one");
        assertThrows(AuthKeyException.class, () -> DhChecks.checkGroup(3, prime.add(BigInteger.valueOf(6))), "not a safe prime");
        assertThrows(AuthKeyException.class, () -> DhChecks.checkValue(BigInteger.ONE, prime, "g_a"));
        assertThrows(AuthKeyException.class, () -> DhChecks.checkValue(prime.subtract(BigInteger.ONE), prime, "g_a"));
        assertThrows(AuthKeyException.class, () -> DhChecks.checkValue(BigInteger.ONE.shiftLeft(1983), prime, "g_a"));
        assertEquals(new BigInteger(1, G_B), BigInteger.valueOf(3).modPow(new BigInteger(1, B), prime));
    }
}
