package io.groupkit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.groupkit.bitrix24.Bitrix24;
import io.groupkit.bitrix24.Bitrix24Client;
import io.groupkit.bitrix24.ImChat;
import io.groupkit.bitrix24.TokenPair;
import io.groupkit.bitrix24.TokenStore;
import io.groupkit.core.AddResult;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.Unavailable;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.core.policy.RetryPolicy;
import io.groupkit.core.time.TimeSource;
import io.groupkit.testkit.bitrix24.Bitrix24Simulator;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JDBC token store on a real PostgreSQL: the renewal's lock, what it stores, what it refuses. */
class JdbcTokenStoreTest {
    private static final TokenPair FIRST = new TokenPair("acc0storeFirstAccess", "ref0storeFirstRefresh");
    private static final TokenPair SECOND = new TokenPair("acc1storeSecondAccess", "ref1storeSecondRefresh");

    private static Postgres db;
    private static DataSource data;
    private static ExecutorService jdbc;

    @BeforeAll
    static void start() throws Exception {
        db = Postgres.start();
        data = Postgres.dataSource(db.url());
        jdbc = Executors.newFixedThreadPool(4);
    }

    @AfterAll
    static void stop() throws Exception {
        jdbc.shutdownNow();
        db.stop();
    }

    private static JdbcTokenStore store(String installation) {
        return JdbcTokenStore.postgres(data, installation, jdbc).initialPair(FIRST).build();
    }

    /** An OAuth server that counts its requests and answers {@code answer}. */
    private static final class CountingOAuth implements TokenStore.OAuthRefresh {
        final AtomicInteger requests = new AtomicInteger();
        private final Optional<TokenPair> answer;

        CountingOAuth(Optional<TokenPair> answer) {
            this.answer = answer;
        }

        @Override
        public CompletionStage<Optional<TokenPair>> refresh(TokenPair stale) {
            requests.incrementAndGet();
            return CompletableFuture.completedFuture(answer);
        }
    }

    @Test
    void aServerThatMeetsAnotherServersRenewalWaitsForItAndUsesItsPair() throws Exception {
        JdbcTokenStore store = store("waits.example");
        CountingOAuth oauth = new CountingOAuth(Optional.of(new TokenPair("accNever", "refNever")));
        CompletableFuture<TokenStore.Renewal> renewal;
        try (Connection other = data.getConnection()) {
            other.setAutoCommit(false);
            lockRow(other, "waits.example");
            renewal = store.renew(FIRST, oauth).toCompletableFuture();
            Thread.sleep(300);
            assertFalse(renewal.isDone(), "waits while the other server holds the row");
            try (PreparedStatement st = other.prepareStatement("UPDATE groupkit_bitrix24_tokens SET access_token = ?,"
                    + " refresh_token = ? WHERE installation = ?")) {
                st.setString(1, SECOND.accessToken());
                st.setString(2, SECOND.refreshToken());
                st.setString(3, "waits.example");
                st.executeUpdate();
            }
            other.commit();
        }
        assertEquals(TokenStore.Renewal.stored(SECOND), renewal.get(10, TimeUnit.SECONDS));
        assertEquals(0, oauth.requests.get(), "the other server's pair is used: nothing asked of the OAuth server");
    }

    @Test
    void theNewPairIsStoredBeforeTheLockIsLetGo() throws Exception {
        JdbcTokenStore store = store("stores.example");
        AtomicInteger requests = new AtomicInteger();
        TokenStore.OAuthRefresh oauth = stale -> {
            requests.incrementAndGet();
            assertEquals(FIRST, stale);
            assertTrue(rowIsLocked("stores.example"), "the OAuth server is asked inside the lock");
            return CompletableFuture.completedFuture(Optional.of(SECOND));
        };
        assertEquals(TokenStore.Renewal.stored(SECOND), store.renew(FIRST, oauth).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(1, requests.get());
        assertEquals(SECOND, store.load());
        assertFalse(rowIsLocked("stores.example"));
        // A second server with the first pair gets the second, and asks nothing.
        CountingOAuth late = new CountingOAuth(Optional.of(new TokenPair("accNever", "refNever")));
        assertEquals(TokenStore.Renewal.stored(SECOND), store("stores.example").renew(FIRST, late).toCompletableFuture()
                .get(10, TimeUnit.SECONDS));
        assertEquals(0, late.requests.get());
    }

    @Test
    void aRefusedRefreshKeepsTheStoredPair() throws Exception {
        JdbcTokenStore store = store("refused.example");
        CountingOAuth oauth = new CountingOAuth(Optional.empty());
        assertEquals(TokenStore.Renewal.refused(), store.renew(FIRST, oauth).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(1, oauth.requests.get());
        assertEquals(FIRST, store.load());
        assertFalse(rowIsLocked("refused.example"));
    }

    @Test
    void aRefusedRefreshTokenIsNotSentAgainByAnyServerUntilANewPairIsSaved() throws Exception {
        JdbcTokenStore one = store("dead.example");
        JdbcTokenStore other = store("dead.example"); // another server of the fleet
        CountingOAuth oauth = new CountingOAuth(Optional.empty());
        assertEquals(TokenStore.Renewal.refused(), one.renew(FIRST, oauth).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(TokenStore.Renewal.refused(), other.renew(FIRST, oauth).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(TokenStore.Renewal.refused(), one.renew(FIRST, oauth).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(1, oauth.requests.get(), "the refused refresh token went to the OAuth server once for the fleet");
        // A person authorised the app again: the new pair is saved, and renewing it asks the OAuth server again.
        other.save(SECOND);
        CountingOAuth fresh = new CountingOAuth(Optional.of(new TokenPair("acc2third", "ref2third")));
        assertEquals(TokenStore.Renewal.stored(new TokenPair("acc2third", "ref2third")),
                one.renew(SECOND, fresh).toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(1, fresh.requests.get());
    }

    @Test
    void aLockHeldPastTheTimeoutFailsTheRenewalWithNothingAsked() throws Exception {
        JdbcTokenStore store = JdbcTokenStore.postgres(data, "held.example", jdbc).initialPair(FIRST)
                .lockTimeout(Duration.ofMillis(200)).build();
        CountingOAuth oauth = new CountingOAuth(Optional.of(SECOND));
        try (Connection other = data.getConnection()) {
            other.setAutoCommit(false);
            lockRow(other, "held.example");
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> store.renew(FIRST, oauth).toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertTrue(e.getCause().getMessage().contains("SQL state 55P03"), e.getCause().getMessage()); // lock_not_available
            assertNoSecrets(e.getCause().getMessage());
            other.rollback();
        }
        assertEquals(0, oauth.requests.get());
        assertEquals(FIRST, store.load());
    }

    @Test
    void aStoredPairWinsOverTheInitialPair() {
        store("installed.example").save(SECOND);
        // A server restarted with the first pair still in its configuration.
        assertEquals(SECOND, store("installed.example").load());
    }

    @Test
    void mistakesAreClearAndNeverShowATokenOrTheSecrets() {
        JdbcTokenStore empty = JdbcTokenStore.postgres(data, "never-installed.example", jdbc).build();
        IllegalStateException none = assertThrows(IllegalStateException.class, empty::load);
        assertTrue(none.getMessage().contains("initialPair"), none.getMessage());
        JdbcTokenStore store = store("secret.example");
        assertEquals("JdbcTokenStore[groupkit_bitrix24_tokens, secret.example]", store.toString());
        assertThrows(IllegalArgumentException.class, () -> JdbcTokenStore.postgres(data, "x", jdbc).table("tokens; DROP TABLE x"));
        assertThrows(IllegalArgumentException.class, () -> JdbcTokenStore.postgres(data, " ", jdbc));
        assertThrows(IllegalArgumentException.class, () -> JdbcTokenStore.postgres(data, "x", jdbc).lockTimeout(Duration.ZERO));
        JdbcTokenStore own = JdbcTokenStore.postgres(data, "own-table.example", jdbc).table("public.my_tokens")
                .initialPair(FIRST).build();
        assertEquals(FIRST, own.load());
    }

    /**
     * A database that is down when a call meets an expired token: the call is {@code Unavailable}
     * (nothing was applied), and the OAuth server is asked nothing — a refresh that could not be
     * stored would lose the installation.
     */
    @Test
    void aStoppedDatabaseMakesTheCallUnavailableAndAsksTheOAuthServerNothing() throws Exception {
        try (Postgres own = Postgres.start(); Bitrix24Simulator portal = Bitrix24Simulator.start(TimeSource.system())) {
            assumeTrue(own.embedded(), "an external database is not stopped by the tests");
            String endpoint = portal.oauthApp(1, "app.down", "downSecret7", FIRST.accessToken(), FIRST.refreshToken(),
                    Duration.ofHours(1));
            portal.chat(501, 1).users(1_000);
            JdbcTokenStore store = JdbcTokenStore.postgres(Postgres.dataSource(own.url()), "down.example", jdbc)
                    .initialPair(FIRST).lockTimeout(Duration.ofSeconds(2)).build();
            try (Bitrix24Client client = Bitrix24.oauth(endpoint, "app.down", "downSecret7", store).oauthServer(portal.url())
                    .policies(Policies.builder().retry(RetryPolicy.none()).prechecks(Prechecks.OFF).build()).build()) {
                own.stop();
                portal.expireAccessToken();
                long start = System.nanoTime();
                AddResult result = client.add(ImChat.of(501), Member.userId(1_000));
                assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30), "no hang");
                Unavailable unavailable = assertInstanceOf(Unavailable.class, result);
                assertTrue(unavailable.toString().contains("token store"), unavailable.toString());
                assertNoSecrets(unavailable.toString());
                assertEquals(0, portal.refreshRequests().size());
                assertEquals(1, portal.members(501).size(), "nobody added");
            }
        }
    }

    private static void lockRow(Connection c, String installation) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(
                "SELECT refresh_token FROM groupkit_bitrix24_tokens WHERE installation = ? FOR UPDATE")) {
            st.setString(1, installation);
            st.executeQuery().close();
        }
    }

    private static boolean rowIsLocked(String installation) {
        try (Connection c = data.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT 1 FROM groupkit_bitrix24_tokens WHERE installation = ? FOR UPDATE NOWAIT")) {
            st.setString(1, installation);
            st.executeQuery().close();
            return false;
        } catch (SQLException e) {
            return "55P03".equals(e.getSQLState());
        }
    }

    private static void assertNoSecrets(String text) {
        for (String secret : new String[] {FIRST.accessToken(), FIRST.refreshToken(), SECOND.accessToken(),
                SECOND.refreshToken(), "downSecret7"}) {
            assertFalse(text.contains(secret), () -> "a secret in: " + text);
        }
    }
}
