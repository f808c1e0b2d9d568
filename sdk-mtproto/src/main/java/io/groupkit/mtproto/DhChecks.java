package io.groupkit.mtproto;

import java.math.BigInteger;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The checks the protocol requires of the Diffie-Hellman values (core.telegram.org/mtproto/auth_key,
 * "client is expected to check"): {@code dh_prime} a safe 2048-bit prime, {@code g} a generator of
 * the subgroup of order (p−1)/2, and g_a, g_b between 2^(2048−64) and dh_prime − 2^(2048−64).
 * A prime once verified is remembered, so the primality test (a few hundred milliseconds) runs once
 * per prime and JVM.
 */
public final class DhChecks {
    private static final BigInteger TWO_TO_1984 = BigInteger.ONE.shiftLeft(2048 - 64);
    /** The 2048-bit safe prime Telegram's data centres use (the one of its published sample exchange). */
    public static final BigInteger TELEGRAM_PRIME = new BigInteger("C71CAEB9C6B1C9048E6C522F70F13F73980D40238E3E21C14934D037563D930F"
            + "48198A0AA7C14058229493D22530F4DBFA336F6E0AC925139543AED44CCE7C37"
            + "20FD51F69458705AC68CD4FE6B6B13ABDC9746512969328454F18FAF8C595F64"
            + "2477FE96BB2A941D5BCD1D4AC8CC49880708FA9B378E3C4F3A9060BEE67CF9A4"
            + "A4A695811051907E162753B56B0F6B410DBA74D8A84B2A14B3144E0EF1284754"
            + "FD17ED950D5965B4B9DD46582DB1178D169C6BC465B0D6FF9CA3928FEF5B9AE4"
            + "E418FC15E83EBEA0F87FA9FF5EED70050DED2849F47BF959D956850CE929851F"
            + "0D8115F635B105EE2E4E15D04B2454BF6F4FADF034B10403119CD8E3B92FCC5B", 16);
    private static final Set<BigInteger> VERIFIED = ConcurrentHashMap.newKeySet();

    static {
        VERIFIED.add(TELEGRAM_PRIME); // known: no primality test needed (AuthKeySampleTest checks it is one)
    }

    private DhChecks() {
    }

    /**
     * Checks {@code g} and {@code dhPrime}.
     *
     * @param g the generator
     * @param dhPrime the prime
     * @throws AuthKeyException if either fails
     */
    public static void checkGroup(int g, BigInteger dhPrime) throws AuthKeyException {
        if (dhPrime.bitLength() != 2048) {
            throw new AuthKeyException("dh_prime is not a 2048-bit number");
        }
        boolean generates = switch (g) {
            case 2 -> dhPrime.mod(BigInteger.valueOf(8)).intValue() == 7;
            case 3 -> dhPrime.mod(BigInteger.valueOf(3)).intValue() == 2;
            case 4 -> true;
            case 5 -> {
                int r = dhPrime.mod(BigInteger.valueOf(5)).intValue();
                yield r == 1 || r == 4;
            }
            case 6 -> {
                int r = dhPrime.mod(BigInteger.valueOf(24)).intValue();
                yield r == 19 || r == 23;
            }
            case 7 -> {
                int r = dhPrime.mod(BigInteger.valueOf(7)).intValue();
                yield r == 3 || r == 5 || r == 6;
            }
            default -> false;
        };
        if (!generates) {
            throw new AuthKeyException("g = " + g + " does not generate the subgroup of order (dh_prime - 1) / 2");
        }
        if (!VERIFIED.contains(dhPrime)) {
            if (!dhPrime.isProbablePrime(64) || !dhPrime.subtract(BigInteger.ONE).shiftRight(1).isProbablePrime(64)) {
                throw new AuthKeyException("dh_prime is not a safe prime");
            }
            VERIFIED.add(dhPrime);
        }
    }

    /**
     * Checks g_a or g_b.
     *
     * @param value the value
     * @param dhPrime the prime
     * @param name which value, for the message
     * @throws AuthKeyException if it is out of range
     */
    public static void checkValue(BigInteger value, BigInteger dhPrime, String name) throws AuthKeyException {
        if (value.compareTo(BigInteger.ONE) <= 0 || value.compareTo(dhPrime.subtract(BigInteger.ONE)) >= 0
                || value.compareTo(TWO_TO_1984) < 0 || value.compareTo(dhPrime.subtract(TWO_TO_1984)) > 0) {
            throw new AuthKeyException(name + " is outside (2^1984, dh_prime - 2^1984)");
        }
    }
}
