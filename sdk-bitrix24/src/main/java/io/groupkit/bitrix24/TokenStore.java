package io.groupkit.bitrix24;

/**
 * Where the OAuth token pair lives between runs. GroupKit saves a refreshed pair here BEFORE it
 * uses it: Bitrix24 kills the old refresh token at once, so a pair that is used but not saved is
 * an integration lost at the next crash. Implement it over your database or secret store; it
 * must be thread-safe. If {@link #save} fails, GroupKit keeps the new pair in memory, goes on, and
 * tries to save it again at the next call.
 */
public interface TokenStore {

    /**
     * The current pair.
     *
     * @return the pair
     */
    TokenPair load();

    /**
     * Replaces the pair, durably.
     *
     * @param pair the new pair
     */
    void save(TokenPair pair);

    /**
     * A store that keeps the pair in memory only (for tests and short-lived tools).
     *
     * @param initial the pair to start with
     * @return the store
     */
    static TokenStore inMemory(TokenPair initial) {
        java.util.concurrent.atomic.AtomicReference<TokenPair> current = new java.util.concurrent.atomic.AtomicReference<>(
                java.util.Objects.requireNonNull(initial, "initial pair must not be null"));
        return new TokenStore() {
            @Override
            public TokenPair load() {
                return current.get();
            }

            @Override
            public void save(TokenPair pair) {
                current.set(java.util.Objects.requireNonNull(pair, "pair"));
            }

            @Override
            public String toString() {
                return "TokenStore.inMemory";
            }
        };
    }
}
