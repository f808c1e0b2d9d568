package io.groupkit.bitrix24;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the OAuth token pair lives between runs. GroupKit saves a refreshed pair here BEFORE it
 * uses it: Bitrix24 kills the old refresh token at once, so a pair that is used but not saved is
 * an integration lost at the next crash. Implement it over your database or secret store; it
 * must be thread-safe. If {@link #save} fails, GroupKit keeps the new pair in memory, goes on, and
 * tries to save it again at the next call.
 *
 * <p>Several servers sharing one app installation need a store that also guards the refresh
 * across processes ({@link #renew}): {@code io.groupkit.fleet.JdbcTokenStore} (module sdk-fleet) does, with a row lock in PostgreSQL.
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
     * Renews a pair a call found expired, at most once for everyone sharing this store. GroupKit
     * calls it once per stale pair and client (its concurrent callers already share one renewal).
     * A store shared by several processes overrides it: it holds a guard that every process
     * respects (a row lock, a compare-and-set), and inside it either finds that another process
     * stored a newer pair — and answers that pair without calling {@code oauth} — or calls
     * {@code oauth} and saves its pair before letting go. The default guards nothing beyond this
     * process: it calls {@code oauth} and {@link #save}s the answer.
     *
     * <p>It may block; GroupKit calls it from the thread that completed the expired call, so a
     * blocking store should move its work to an executor of its own.
     *
     * @param stale the pair that was refused as expired
     * @param oauth asks the OAuth server for a new pair with {@code stale}'s refresh token
     * @return the outcome; a stage that fails means the store could not be asked, and then nothing
     *     was sent to the OAuth server
     */
    default CompletionStage<Renewal> renew(TokenPair stale, OAuthRefresh oauth) {
        return oauth.refresh(stale).thenApply(fresh -> {
            if (fresh.isEmpty()) {
                return Renewal.refused();
            }
            try {
                save(fresh.get());
                return Renewal.stored(fresh.get());
            } catch (RuntimeException e) {
                return Renewal.unsaved(fresh.get());
            }
        });
    }

    /** The OAuth request a store makes inside its guard. */
    @FunctionalInterface
    interface OAuthRefresh {
        /**
         * Asks the OAuth server for a new pair. The stage does not fail.
         *
         * @param stale the pair whose refresh token is used
         * @return the new pair, or empty when the server refused or could not be reached (GroupKit
         *     reports why to the caller)
         */
        CompletionStage<Optional<TokenPair>> refresh(TokenPair stale);
    }

    /**
     * What a renewal came to.
     *
     * @param pair the pair to use from now on, or empty when the OAuth server gave none
     * @param saved whether {@code pair} is in the store (when not, GroupKit keeps it in memory
     *     and saves it again at the next call)
     */
    record Renewal(Optional<TokenPair> pair, boolean saved) {
        /**
         * Checks the fields.
         *
         * @param pair the pair, or empty
         * @param saved whether it is stored; must be true when there is no pair
         */
        public Renewal {
            Objects.requireNonNull(pair, "pair must not be null (use Optional.empty())");
            if (pair.isEmpty() && !saved) {
                throw new IllegalArgumentException("expected saved = true when there is no pair to save");
            }
        }

        /**
         * A pair that is in the store: renewed here, or found there, stored by another process.
         *
         * @param pair the pair
         * @return the renewal
         */
        public static Renewal stored(TokenPair pair) {
            return new Renewal(Optional.of(pair), true);
        }

        /**
         * A pair the OAuth server gave that could not be saved.
         *
         * @param pair the pair
         * @return the renewal
         */
        public static Renewal unsaved(TokenPair pair) {
            return new Renewal(Optional.of(pair), false);
        }

        /**
         * The OAuth server gave no pair.
         *
         * @return the renewal
         */
        public static Renewal refused() {
            return new Renewal(Optional.empty(), true);
        }

        @Override
        public String toString() {
            return pair.isEmpty() ? "Renewal[refused]" : "Renewal[" + (saved ? "stored" : "unsaved") + "]";
        }
    }

    /**
     * A store that keeps the pair in memory only (for tests and short-lived tools).
     *
     * @param initial the pair to start with
     * @return the store
     */
    static TokenStore inMemory(TokenPair initial) {
        AtomicReference<TokenPair> current = new AtomicReference<>(
                Objects.requireNonNull(initial, "initial pair must not be null"));
        return new TokenStore() {
            @Override
            public TokenPair load() {
                return Objects.requireNonNull(current.get(), "the pair is never null");
            }

            @Override
            public void save(TokenPair pair) {
                current.set(Objects.requireNonNull(pair, "pair"));
            }

            @Override
            public String toString() {
                return "TokenStore.inMemory";
            }
        };
    }
}
