package io.groupkit.mtproto;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/**
 * Splits the {@code pq} of {@code resPQ} (a product of two distinct odd primes, below 2^63) into
 * its factors with Pollard's rho in Brent's form: a few milliseconds for the 32-bit primes servers
 * use.
 */
public final class PqFactor {
    private PqFactor() {
    }

    /**
     * The two factors, smaller first.
     *
     * @param pq the product, positive, below 2^63
     * @return {p, q} with p &lt; q and p·q = pq
     * @throws AuthKeyException if pq is not a product of two primes
     */
    public static long[] split(long pq) throws AuthKeyException {
        if (pq <= 3 || pq % 2 == 0) {
            throw new AuthKeyException("resPQ's pq is not a product of two odd primes");
        }
        BigInteger n = BigInteger.valueOf(pq);
        long d = rho(n);
        long p = Math.min(d, pq / d);
        long q = Math.max(d, pq / d);
        if (p == q || p * q != pq || !BigInteger.valueOf(p).isProbablePrime(40) || !BigInteger.valueOf(q).isProbablePrime(40)) {
            throw new AuthKeyException("resPQ's pq is not a product of two distinct primes");
        }
        return new long[] {p, q};
    }

    private static long rho(BigInteger n) throws AuthKeyException {
        RandomGenerator random = RandomGenerator.of("L64X128MixRandom");
        for (int attempt = 0; attempt < 20; attempt++) {
            BigInteger c = BigInteger.valueOf(random.nextLong(1, n.longValue()));
            BigInteger y = BigInteger.valueOf(random.nextLong(1, n.longValue()));
            BigInteger x = y;
            BigInteger saved = y;
            BigInteger product = BigInteger.ONE;
            BigInteger g = BigInteger.ONE;
            final int batch = 128;
            for (long r = 1; g.equals(BigInteger.ONE) && r < (1L << 40); r <<= 1) {
                x = y;
                for (long i = 0; i < r; i++) {
                    y = y.multiply(y).add(c).mod(n);
                }
                for (long k = 0; k < r && g.equals(BigInteger.ONE); k += batch) {
                    saved = y;
                    for (long i = 0; i < Math.min(batch, r - k); i++) {
                        y = y.multiply(y).add(c).mod(n);
                        product = product.multiply(x.subtract(y).abs()).mod(n);
                    }
                    g = product.gcd(n);
                }
            }
            if (g.equals(n)) { // the batch overshot: step through it one by one
                do {
                    saved = saved.multiply(saved).add(c).mod(n);
                    g = x.subtract(saved).abs().gcd(n);
                } while (g.equals(BigInteger.ONE));
            }
            if (!g.equals(n) && !g.equals(BigInteger.ONE)) {
                return g.longValueExact();
            }
        }
        throw new AuthKeyException("resPQ's pq could not be factored");
    }
}
