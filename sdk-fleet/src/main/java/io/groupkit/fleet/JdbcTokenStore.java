package io.groupkit.fleet;

import io.groupkit.bitrix24.TokenPair;
import io.groupkit.bitrix24.TokenStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Bitrix24 OAuth pairs in PostgreSQL, shared by every server of a fleet, with one refresh per
 * fleet: a renewal locks the installation's row ({@code SELECT ... FOR UPDATE}), and inside the
 * lock either finds a pair another server stored since — and uses it, asking the OAuth server
 * nothing — or asks the OAuth server and stores the new pair before the lock is let go. So when
 * every server meets {@code expired_token} at once, one of them refreshes and the others read
 * what it stored; none of them spends the rotated refresh token a second time
 * ({@code invalid_grant}, and a person would have to authorise the app again). A refresh token the
 * OAuth server refused is marked so in the row ({@code refused_at}): no server of the fleet sends
 * it again, and every one answers {@code invalid_grant} at once, until a new pair is saved.
 *
 * <p>The table, one row per app installation, is created on first use if it does not exist, or
 * by hand:
 * <pre>{@code
 * CREATE TABLE groupkit_bitrix24_tokens (
 *     installation VARCHAR(255) PRIMARY KEY,
 *     access_token TEXT NOT NULL,
 *     refresh_token TEXT NOT NULL,
 *     renewed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
 *     refused_at TIMESTAMPTZ)
 * }</pre>
 * (A table made by an earlier version gets its {@code refused_at} column on first use.)
 * The tokens are secrets: keep the table where your other credentials are, readable by the
 * service only. The store never writes them to a log, an exception or {@code toString()}.
 *
 * <p>JDBC blocks, so renewals run on {@code executor} (yours, sized like the data source's pool);
 * {@link #load} and {@link #save} run on the caller's thread (when a client is built, and when a
 * pair whose save failed is saved again). A server waits for another's renewal at most
 * {@linkplain Builder#lockTimeout the lock timeout}; then its call is {@code Unavailable} with
 * nothing sent, and retried like any unavailable provider.
 *
 * <p>Immutable and thread-safe.
 */
public final class JdbcTokenStore implements TokenStore {
    /** The table's default name. */
    public static final String DEFAULT_TABLE = "groupkit_bitrix24_tokens";
    /** How long a renewal waits for the OAuth server's answer inside the lock (the request has its own timeout). */
    private static final Duration OAUTH_WAIT = Duration.ofMinutes(2);

    private final DataSource dataSource;
    private final Executor executor;
    private final String installation;
    private final String table;
    private final Duration lockTimeout;

    private JdbcTokenStore(Builder b) {
        this.dataSource = b.dataSource;
        this.executor = b.executor;
        this.installation = b.installation;
        this.table = b.table;
        this.lockTimeout = b.lockTimeout;
    }

    /**
     * A store for one app installation.
     *
     * @param dataSource the database; it stays the application's
     * @param installation the installation's key, such as the portal's domain ({@code example.bitrix24.com});
     *     servers sharing one installation use the same key
     * @param executor where renewals run (they block on JDBC)
     * @return a builder
     */
    public static Builder postgres(DataSource dataSource, String installation, Executor executor) {
        return new Builder(dataSource, installation, executor);
    }

    /**
     * The stored pair.
     *
     * @return the pair
     * @throws IllegalStateException if there is none (give the builder an {@linkplain Builder#initialPair
     *     initial pair}) or the database cannot be read
     */
    @Override
    public TokenPair load() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT access_token, refresh_token FROM " + table
                     + " WHERE installation = ?")) {
            st.setString(1, installation);
            TokenPair pair = read(st);
            if (pair == null) {
                throw new IllegalStateException("no token pair is stored for installation \"" + installation + "\" in "
                        + table + ": give JdbcTokenStore.Builder an initialPair, or insert the row");
            }
            return pair;
        } catch (SQLException e) {
            throw unavailable("read", e);
        }
    }

    /**
     * Stores a pair, replacing the one there.
     *
     * @param pair the pair
     * @throws IllegalStateException if the database cannot be written
     */
    @Override
    public void save(TokenPair pair) {
        Objects.requireNonNull(pair, "pair must not be null");
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("INSERT INTO " + table
                     + " (installation, access_token, refresh_token) VALUES (?, ?, ?) ON CONFLICT (installation)"
                     + " DO UPDATE SET access_token = EXCLUDED.access_token, refresh_token = EXCLUDED.refresh_token,"
                     + " renewed_at = now(), refused_at = NULL")) {
            st.setString(1, installation);
            st.setString(2, pair.accessToken());
            st.setString(3, pair.refreshToken());
            st.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("write", e);
        }
    }

    @Override
    public CompletionStage<Renewal> renew(TokenPair stale, OAuthRefresh oauth) {
        Objects.requireNonNull(stale, "stale must not be null");
        Objects.requireNonNull(oauth, "oauth must not be null");
        return CompletableFuture.supplyAsync(() -> renewLocked(stale, oauth), executor);
    }

    private Renewal renewLocked(TokenPair stale, OAuthRefresh oauth) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL lock_timeout = '" + lockTimeout.toMillis() + "ms'");
                }
                TokenPair stored;
                boolean refusedBefore;
                try (PreparedStatement st = c.prepareStatement("SELECT access_token, refresh_token, refused_at IS NOT NULL"
                        + " FROM " + table + " WHERE installation = ? FOR UPDATE")) {
                    st.setString(1, installation);
                    try (ResultSet rs = st.executeQuery()) {
                        stored = rs.next() ? new TokenPair(rs.getString(1), rs.getString(2)) : null;
                        refusedBefore = stored != null && rs.getBoolean(3);
                    }
                }
                if (stored == null) {
                    throw new IllegalStateException("the row of installation \"" + installation + "\" is gone from " + table);
                }
                if (!stored.equals(stale)) {
                    c.commit();
                    return Renewal.stored(stored); // another server renewed it
                }
                if (refusedBefore) {
                    // Another server (or this one) was told this refresh token is dead: do not send it again.
                    c.commit();
                    return Renewal.refused();
                }
                Optional<TokenPair> fresh = ask(oauth, stale);
                if (fresh.isEmpty()) {
                    try (PreparedStatement st = c.prepareStatement("UPDATE " + table + " SET refused_at = now()"
                            + " WHERE installation = ?")) {
                        st.setString(1, installation);
                        st.executeUpdate();
                    }
                    c.commit();
                    return Renewal.refused();
                }
                return store(c, fresh.get());
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new CompletionException(unavailable("renew", e));
        }
    }

    /** Saves inside the lock; a pair the OAuth server gave is never dropped, saved or not. */
    private Renewal store(Connection c, TokenPair fresh) {
        try (PreparedStatement st = c.prepareStatement("UPDATE " + table
                + " SET access_token = ?, refresh_token = ?, renewed_at = now(), refused_at = NULL WHERE installation = ?")) {
            st.setString(1, fresh.accessToken());
            st.setString(2, fresh.refreshToken());
            st.setString(3, installation);
            st.executeUpdate();
            c.commit();
            return Renewal.stored(fresh);
        } catch (SQLException e) {
            rollbackQuietly(c);
            return Renewal.unsaved(fresh);
        }
    }

    private static Optional<TokenPair> ask(OAuthRefresh oauth, TokenPair stale) {
        try {
            return oauth.refresh(stale).toCompletableFuture().get(OAUTH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
    }

    private static @Nullable TokenPair read(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            return rs.next() ? new TokenPair(rs.getString(1), rs.getString(2)) : null;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; closing it ends the transaction
        }
    }

    private IllegalStateException unavailable(String what, SQLException e) {
        // SQL state only: a driver's message may quote a statement's parameters.
        return new IllegalStateException("the token store could not " + what + " the pair of installation \""
                + installation + "\" in " + table + " (SQL state " + e.getSQLState() + ")");
    }

    @Override
    public String toString() {
        return "JdbcTokenStore[" + table + ", " + installation + "]";
    }

    /** Builds a {@link JdbcTokenStore}. */
    public static final class Builder {
        private final DataSource dataSource;
        private final Executor executor;
        private final String installation;
        private String table = DEFAULT_TABLE;
        private Duration lockTimeout = Duration.ofSeconds(30);
        private @Nullable TokenPair initialPair;

        private Builder(DataSource dataSource, String installation, Executor executor) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
            this.executor = Objects.requireNonNull(executor, "executor must not be null");
            Objects.requireNonNull(installation, "installation must not be null");
            if (installation.isBlank() || installation.length() > 255) {
                throw new IllegalArgumentException("expected an installation key of 1 to 255 characters, such as the"
                        + " portal's domain, got " + installation.length() + " characters");
            }
            this.installation = installation;
        }

        /**
         * The table (default {@value #DEFAULT_TABLE}).
         *
         * @param name the name, optionally with its schema
         * @return this builder
         */
        public Builder table(String name) {
            this.table = Tables.checkName(Objects.requireNonNull(name, "table must not be null"));
            return this;
        }

        /**
         * The pair the app got when it was installed, stored if the installation has no row yet.
         * A row that exists wins: a server restarted with the first pair in its configuration
         * must not put back a refresh token that was rotated long ago.
         *
         * @param pair the first pair
         * @return this builder
         */
        public Builder initialPair(TokenPair pair) {
            this.initialPair = Objects.requireNonNull(pair, "pair must not be null");
            return this;
        }

        /**
         * How long a server waits for another server's renewal (default 30 s).
         *
         * @param timeout at least a millisecond
         * @return this builder
         */
        public Builder lockTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout must not be null");
            if (timeout.toMillis() < 1) {
                throw new IllegalArgumentException("expected a lock timeout of at least 1 ms, got " + timeout);
            }
            this.lockTimeout = timeout;
            return this;
        }

        /**
         * Builds the store: creates the table if it does not exist and stores the initial pair
         * if the installation has none.
         *
         * @return the store
         * @throws IllegalStateException if the database cannot be reached or the table made
         */
        public JdbcTokenStore build() {
            Tables.create(dataSource, "CREATE TABLE IF NOT EXISTS " + table + " (installation VARCHAR(255) PRIMARY KEY,"
                    + " access_token TEXT NOT NULL, refresh_token TEXT NOT NULL,"
                    + " renewed_at TIMESTAMPTZ NOT NULL DEFAULT now(), refused_at TIMESTAMPTZ)",
                    "ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS refused_at TIMESTAMPTZ");
            JdbcTokenStore store = new JdbcTokenStore(this);
            if (initialPair != null) {
                store.seed(initialPair);
            }
            return store;
        }
    }

    private void seed(TokenPair pair) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("INSERT INTO " + table
                     + " (installation, access_token, refresh_token) VALUES (?, ?, ?) ON CONFLICT (installation) DO NOTHING")) {
            st.setString(1, installation);
            st.setString(2, pair.accessToken());
            st.setString(3, pair.refreshToken());
            st.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("store the initial", e);
        }
    }
}
