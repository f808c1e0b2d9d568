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
    private static final Set<BigInteger> VERIFIED = ConcurrentHashMap.newKeySet();

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
