package io.groupkit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.InviteDelivery;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.core.events.Invitation;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.MembershipEvent;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.events.WatchListener;
import io.groupkit.core.events.WatchProblem;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.testkit.fake.FakeProvider;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL membership store: leases, fenced saves, invitations, and a database that goes away mid-watch. */
class JdbcMembershipStoreTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
    private static final Duration LEASE = Duration.ofSeconds(30);

    private static String url;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        url = Postgres.sharedDatabase("membership_store_" + Long.toHexString(System.nanoTime()));
    }

    private static JdbcMembershipStore store(String prefix) {
        return JdbcMembershipStore.postgres(Postgres.dataSource(url), prefix + "_scope", prefix + "_invitation");
    }

    @Test
    void oneOwnerAtATimeAndASaveIsFencedAfterATakeover() throws Exception {
        JdbcMembershipStore store = store("lease");
        JdbcMembershipStore second = store("lease"); // another server: the tables exist now
        String scope = "green-api:7103000001/1203630@g.us";

        MembershipStore.Lease a = store.claim(scope, "a", T0, LEASE);
        assertTrue(a.held());
        assertEquals(Optional.empty(), a.state(), "nothing saved yet");
        assertFalse(second.claim(scope, "b", T0.plusSeconds(29), LEASE).held(), "a holds it");
        assertTrue(store.save(scope, "a", T0.plusSeconds(1), "one"));
        assertFalse(second.save(scope, "b", T0.plusSeconds(1), "b's"), "b does not hold it: nothing written");
        assertEquals(Optional.of("one"), store.claim(scope, "a", T0.plusSeconds(10), LEASE).state(), "a renews, reads its state");

        // a's renewed lease ends at T0+40 s: b takes it then, with a's state.
        assertFalse(second.claim(scope, "b", T0.plusSeconds(39), LEASE).held());
        MembershipStore.Lease b = second.claim(scope, "b", T0.plusSeconds(40), LEASE);
        assertTrue(b.held());
        assertEquals(Optional.of("one"), b.state());
        // a, paused all that time, comes back believing its clock: its save is refused, b's state stays.
        assertFalse(store.save(scope, "a", T0.plusSeconds(41), "stale"), "fenced: a lost the lease");
        assertFalse(store.claim(scope, "a", T0.plusSeconds(41), LEASE).held());
        assertTrue(second.save(scope, "b", T0.plusSeconds(42), "two"));
        assertFalse(second.save(scope, "b", T0.plusSeconds(70), "late"), "b's own lease ran out at T0+70 s");
        assertEquals(2, version(scope, "lease_scope"), "two saves went through, the refused ones wrote nothing");

        // Released: a takes it at once, long before b's lease would have ended.
        assertTrue(second.claim(scope, "b", T0.plusSeconds(50), LEASE).held());
        store.release(scope, "a"); // not a's: nothing happens
        assertFalse(store.claim(scope, "a", T0.plusSeconds(51), LEASE).held());
        second.release(scope, "b");
        MembershipStore.Lease again = store.claim(scope, "a", T0.plusSeconds(52), LEASE);
        assertTrue(again.held());
        assertEquals(Optional.of("two"), again.state());
        assertTrue(store.claim("other/scope", "b", T0, LEASE).held(), "scopes are leased one by one");
    }

    @Test
    void leasesAreTakenByOneOfManyConcurrentClaimers() throws Exception {
        JdbcMembershipStore store = store("race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                String scope = "acct/g" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<java.util.concurrent.Future<Boolean>> claims = new java.util.ArrayList<>();
                for (int w = 0; w < 8; w++) {
                    String owner = "w" + w;
                    claims.add(pool.submit(() -> {
                        go.await();
                        return store.claim(scope, owner, T0, LEASE).held();
                    }));
                }
                go.countDown();
                int held = 0;
                for (var f : claims) {
                    held += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertEquals(1, held, "exactly one claimer of " + scope + " holds it");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void invitationsAreRecordedListedAndClosedOnce() {
        JdbcMembershipStore store = store("inv");
        Member ann = Member.phone("+79031234567");
        Member bob = Member.userId("4711");
        Invitation first = new Invitation("i1", "green-api:7103000001", "g1@g.us", ann, "https://chat.whatsapp.com/AAA",
                T0, InviteDelivery.SENT, Optional.of(T0.plus(Duration.ofDays(7))), Optional.empty(), Optional.empty());
        Invitation second = new Invitation("i2", "green-api:7103000001", "g2@g.us", bob, "https://chat.whatsapp.com/BBB",
                T0.plusSeconds(5), InviteDelivery.NOT_SENT, Optional.empty(), Optional.empty(), Optional.empty());
        Invitation other = new Invitation("i3", "bitrix24:portal", "chat7", Member.username("Carol"), "https://b24/x",
                T0.minusSeconds(5), InviteDelivery.SENT, Optional.empty(), Optional.empty(), Optional.empty());
        store.record(second);
        store.record(first);
        store.record(other);

        assertEquals(List.of(first, second), store.invitations("green-api:7103000001", Optional.empty()), "oldest first");
        assertEquals(List.of(second), store.invitations("green-api:7103000001", Optional.of("g2@g.us")));
        assertEquals(List.of(other), store.invitations("bitrix24:portal", Optional.empty()));
        assertEquals(List.of(), store.invitations("nobody", Optional.empty()));

        store.joined("i1", T0.plusSeconds(60), "event-1");
        store.joined("i1", T0.plusSeconds(90), "event-2"); // seen again: the first join stays
        store.joined("unknown", T0, "event-3");
        Invitation closed = store.invitations("green-api:7103000001", Optional.of("g1@g.us")).get(0);
        assertEquals(first.joined(T0.plusSeconds(60), "event-1"), closed);
        assertEquals(Optional.of(Duration.ofSeconds(60)), closed.tookToJoin());

        // Recorded again (the same id): replaced, as the embedded stores do.
        Invitation resent = new Invitation("i2", "green-api:7103000001", "g2@g.us", bob, "https://chat.whatsapp.com/CCC",
                T0.plusSeconds(5), InviteDelivery.SENT, Optional.empty(), Optional.empty(), Optional.empty());
        store.record(resent);
        assertEquals(List.of(resent), store.invitations("green-api:7103000001", Optional.of("g2@g.us")));
    }

    @Test
    void tableNamesAreChecked() {
        assertThrows(IllegalArgumentException.class,
                () -> JdbcMembershipStore.postgres(Postgres.dataSource(url), "x; DROP TABLE y", "inv"));
        assertTrue(JdbcMembershipStore.postgres(Postgres.dataSource(url)).toString().contains("groupkit_watch_scope"));
    }

    @Test
    @org.junit.jupiter.api.Timeout(120)
    void aDatabaseThatGoesAwayMidWatchIsReportedAndNothingIsDeliveredUntilItIsBack() throws Exception {
        assumeTrue(System.getenv("GROUPKIT_TEST_POSTGRES") == null, "the test stops and starts its own database");
        Path data = dir.resolve("pg");
        Postgres own = Postgres.startIn(data);
        SwitchableUrl url = new SwitchableUrl(own.url());
        JdbcMembershipStore store = JdbcMembershipStore.postgres(url);
        FakeProvider fake = FakeProvider.builder().build();
        GroupRef group = GroupRef.of("down-watch@g.us");
        Member ann = Member.phone("+79031234500");
        fake.group(group).join(Member.phone("+79031234501"));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        List<MembershipEvent> delivered = new CopyOnWriteArrayList<>();
        Semaphore listings = new Semaphore(0);
        Semaphore storeProblems = new Semaphore(0);
        CountDownLatch deliveredOne = new CountDownLatch(1);
        try (GroupMembership client = GroupMembership.create(fake, Policies.builder().prechecks(Prechecks.OFF)
                .rateLimiter((key, limit, now) -> Duration.ZERO).build())) {
            MembershipWatch watch = client.watch().groups(group).store(store).executor(executor)
                    .interval(Duration.ofMillis(20)).lease(Duration.ofSeconds(5)).listener(new WatchListener() {
                        @Override
                        public void listed(GroupRef g, int members, int events, Duration took) {
                            listings.release();
                        }

                        @Override
                        public void problem(WatchProblem problem) {
                            if (problem.kind() == WatchProblem.Kind.STORE_UNAVAILABLE) {
                                storeProblems.release();
                            }
                        }
                    }).start(e -> {
                        delivered.add(e);
                        deliveredOne.countDown();
                    });
            try {
                assertTrue(listings.tryAcquire(30, TimeUnit.SECONDS), "the baseline was listed");
                own.stop();
                fake.group(group).join(ann);
                // The watch keeps trying: each try is reported, and none lists or delivers.
                assertTrue(storeProblems.tryAcquire(5, 60, TimeUnit.SECONDS), "the store's absence is reported");
                listings.drainPermits();
                assertTrue(storeProblems.tryAcquire(3, 60, TimeUnit.SECONDS), "and reported again at each try");
                assertEquals(List.of(), delivered, "nothing delivered while the store is away");
                assertEquals(0, listings.availablePermits(), "nothing listed either: the lease cannot be claimed");

                try (Postgres back = Postgres.startIn(data)) {
                    url.set(back.url());
                    assertTrue(deliveredOne.await(60, TimeUnit.SECONDS), "the join is delivered once the store is back");
                    watch.close(); // before the database goes: the leases are given up
                }
            } finally {
                watch.close();
            }
        } finally {
            executor.shutdownNow();
        }
        assertEquals(1, delivered.size(), delivered.toString());
        Joined joined = assertInstanceOf(Joined.class, delivered.get(0));
        assertEquals(ann, joined.member());
    }

    private static long version(String scope, String table) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM " + table + " WHERE scope = '" + scope + "'")) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    /** A data source whose database moves (an embedded server restarted on the same data comes back on another port). */
    private static final class SwitchableUrl extends DelegatingDataSource {
        private volatile String url;

        SwitchableUrl(String url) {
            this.url = url;
        }

        void set(String newUrl) {
            this.url = newUrl;
        }

        @Override
        public Connection getConnection() throws java.sql.SQLException {
            return DriverManager.getConnection(url);
        }
    }

    /** The parts of {@link javax.sql.DataSource} a test does not use. */
    private abstract static class DelegatingDataSource implements javax.sql.DataSource {
        @Override
        public Connection getConnection(String user, String password) throws java.sql.SQLException {
            throw new java.sql.SQLFeatureNotSupportedException();
        }

        @Override
        public java.io.PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(java.io.PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public java.util.logging.Logger getParentLogger() {
            return java.util.logging.Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
            throw new java.sql.SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
