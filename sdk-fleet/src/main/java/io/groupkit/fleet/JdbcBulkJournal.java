package io.groupkit.fleet;

import io.groupkit.core.journal.BulkJournal;
import io.groupkit.core.journal.Finality;
import io.groupkit.core.journal.JournalClaim;
import io.groupkit.core.journal.JournalRun;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk jobs in PostgreSQL, for a fleet: several workers (processes, servers) may run one job at
 * once. Each person is claimed by one worker ({@code FOR UPDATE SKIP LOCKED}) with a lease that
 * the worker keeps alive while it runs; when a worker dies, its claims are taken over once the
 * lease has run out, and the people it had under way are checked against the group's members
 * before anything is sent to them. A worker whose claims run out waits for the people the others
 * hold, so every worker's report covers the whole job.
 *
 * <p>Tables, created on first use if they do not exist (or by hand with this DDL):
 * <pre>{@code
 * CREATE TABLE groupkit_bulk_job (
 *     job VARCHAR(200) PRIMARY KEY,
 *     group_key TEXT NOT NULL,
 *     created_at TIMESTAMPTZ NOT NULL DEFAULT now());
 * CREATE TABLE groupkit_bulk_person (
 *     job VARCHAR(200) NOT NULL,
 *     person CHAR(32) NOT NULL,          -- a hash: no phone number or user id is stored
 *     position INT NOT NULL,
 *     under_way BOOLEAN NOT NULL DEFAULT false,
 *     finished BOOLEAN NOT NULL DEFAULT false,
 *     outcome TEXT,
 *     claimed_by VARCHAR(64),
 *     lease_until TIMESTAMPTZ,
 *     PRIMARY KEY (job, person));
 * }</pre>
 * The lease is timed by the database's clock, so the workers' clocks need not agree.
 *
 * <p>Each run holds one connection of the data source while it lasts (a run uses it from one
 * thread); a connection that fails stops the run ({@code JOURNAL_UNAVAILABLE}), and running the
 * same job again goes on. Immutable and thread-safe.
 */
public final class JdbcBulkJournal implements BulkJournal {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcBulkJournal.class);
    private static final String JOBS = "groupkit_bulk_job";
    private static final String PEOPLE = "groupkit_bulk_person";

    private final DataSource dataSource;
    private final Duration lease;

    private JdbcBulkJournal(DataSource dataSource, Duration lease) {
        this.dataSource = dataSource;
        this.lease = lease;
    }

    /**
     * A journal in PostgreSQL; creates its tables if they do not exist.
     *
     * @param dataSource the database; it stays the application's
     * @return the journal, with claims leased for 2 minutes
     * @throws IllegalStateException if the tables can be neither found nor created
     */
    public static JdbcBulkJournal postgres(DataSource dataSource) {
        return postgres(dataSource, Duration.ofMinutes(2));
    }

    /**
     * A journal in PostgreSQL with a lease of your choice: how long a dead worker's people wait
     * before another worker takes them over. A live worker renews its lease every third of it.
     *
     * @param dataSource the database; it stays the application's
     * @param lease from a second to a day
     * @return the journal
     * @throws IllegalStateException if the tables can be neither found nor created
     */
    public static JdbcBulkJournal postgres(DataSource dataSource, Duration lease) {
        Objects.requireNonNull(dataSource, "dataSource must not be null");
        Objects.requireNonNull(lease, "lease must not be null");
        if (lease.compareTo(Duration.ofSeconds(1)) < 0 || lease.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("expected a lease from 1 s to 1 day, got " + lease);
        }
        Tables.create(dataSource,
                "CREATE TABLE IF NOT EXISTS " + JOBS + " (job VARCHAR(200) PRIMARY KEY, group_key TEXT NOT NULL,"
                        + " created_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                "CREATE TABLE IF NOT EXISTS " + PEOPLE + " (job VARCHAR(200) NOT NULL, person CHAR(32) NOT NULL,"
                        + " position INT NOT NULL, under_way BOOLEAN NOT NULL DEFAULT false,"
                        + " finished BOOLEAN NOT NULL DEFAULT false, outcome TEXT, claimed_by VARCHAR(64),"
                        + " lease_until TIMESTAMPTZ, PRIMARY KEY (job, person))");
        return new JdbcBulkJournal(dataSource, lease);
    }

    @Override
    public JournalRun open(String job, String group, List<String> people) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO " + JOBS + " (job, group_key) VALUES (?, ?)"
                    + " ON CONFLICT (job) DO NOTHING")) {
                st.setString(1, job);
                st.setString(2, group);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("SELECT group_key FROM " + JOBS + " WHERE job = ?")) {
                st.setString(1, job);
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next() && !rs.getString(1).equals(group)) {
                        c.rollback();
                        throw new IllegalArgumentException("job \"" + job + "\" was started for another group; give each"
                                + " group's bulk run a job id of its own");
                    }
                }
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO " + PEOPLE + " (job, person, position)"
                    + " VALUES (?, ?, ?) ON CONFLICT (job, person) DO NOTHING")) {
                for (int i = 0; i < people.size(); i++) {
                    st.setString(1, job);
                    st.setString(2, people.get(i));
                    st.setInt(3, i);
                    st.addBatch();
                    if (i % 500 == 499) {
                        st.executeBatch();
                    }
                }
                st.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            return new Run(c, job);
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure("open job \"" + job + "\"", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * This JVM's part of every worker id. A run of this JVM that has ended — its database went
     * away before it could let go of its claims — holds nobody: a later run of the same JVM takes
     * its people over at once instead of waiting out the lease (a rerun after a database restart
     * waited 2 minutes). Runs of other JVMs keep their lease: only they know whether they live.
     */
    private static final String THIS_JVM = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    private static final Set<String> LIVE_RUNS = ConcurrentHashMap.newKeySet();

    private final class Run implements JournalRun {
        private final Connection c;
        private final String job;
        private final String worker = THIS_JVM + ":" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

        Run(Connection c, String job) {
            this.c = c;
            this.job = job;
            LIVE_RUNS.add(worker);
        }

        /** Claims of this JVM's runs that have ended (their worker ids but none of the live ones). */
        private void endedRunsOfThisJvm(PreparedStatement st, int likeIndex, int liveIndex) throws SQLException {
            st.setString(likeIndex, THIS_JVM + ":%");
            st.setArray(liveIndex, c.createArrayOf("varchar", LIVE_RUNS.toArray()));
        }

        @Override
        public List<JournalClaim> claim(int max) {
            List<Object[]> rows = new ArrayList<>();
            try (PreparedStatement st = c.prepareStatement("UPDATE " + PEOPLE + " p SET claimed_by = ?,"
                    + " lease_until = now() + make_interval(secs => ?) FROM (SELECT person FROM " + PEOPLE
                    + " WHERE job = ? AND NOT finished AND (claimed_by IS NULL OR lease_until < now()"
                    + " OR (claimed_by LIKE ? AND NOT claimed_by = ANY (?)))"
                    + " ORDER BY position LIMIT ? FOR UPDATE SKIP LOCKED) free"
                    + " WHERE p.job = ? AND p.person = free.person RETURNING p.person, p.under_way, p.outcome, p.position")) {
                st.setString(1, worker);
                st.setDouble(2, lease.toMillis() / 1000.0);
                st.setString(3, job);
                endedRunsOfThisJvm(st, 4, 5);
                st.setInt(6, max);
                st.setString(7, job);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Object[] {rs.getString(1), rs.getBoolean(2), rs.getString(3), rs.getInt(4)});
                    }
                }
            } catch (SQLException e) {
                throw failure("claim people of job \"" + job + "\"", e);
            }
            rows.sort(Comparator.comparingInt(r -> (Integer) r[3]));
            List<JournalClaim> claims = new ArrayList<>();
            for (Object[] r : rows) {
                claims.add(new JournalClaim((String) r[0], (Boolean) r[1] ? JournalClaim.State.UNDER_WAY : JournalClaim.State.NOT_UNDER_WAY,
                        Optional.ofNullable((String) r[2])));
            }
            return claims;
        }

        @Override
        public void intend(List<String> people) {
            try (PreparedStatement st = c.prepareStatement("UPDATE " + PEOPLE + " SET under_way = true"
                    + " WHERE job = ? AND person = ANY (?) AND claimed_by = ?")) {
                Array keys = c.createArrayOf("varchar", people.toArray());
                st.setString(1, job);
                st.setArray(2, keys);
                st.setString(3, worker);
                int marked = st.executeUpdate();
                if (marked != people.size()) {
                    // Another worker took some over (this one's lease ran out): send none of them.
                    throw new IllegalStateException(people.size() - marked + " of the people claimed for job \"" + job
                            + "\" were taken over by another worker");
                }
            } catch (SQLException e) {
                throw failure("record the intent of job \"" + job + "\"", e);
            }
        }

        @Override
        public void record(String person, String outcome, Finality finality) {
            boolean finished = finality == Finality.FINAL;
            try (PreparedStatement st = c.prepareStatement("UPDATE " + PEOPLE + " SET under_way = false, finished = ?,"
                    + " outcome = ?, claimed_by = CASE WHEN ? THEN NULL ELSE claimed_by END"
                    + " WHERE job = ? AND person = ? AND claimed_by = ?")) {
                st.setBoolean(1, finished);
                st.setString(2, outcome);
                st.setBoolean(3, finished);
                st.setString(4, job);
                st.setString(5, person);
                st.setString(6, worker);
                if (st.executeUpdate() == 0) {
                    // Taken over meanwhile: the new worker checks the person's membership before sending anything.
                    LOG.warn("job {}: a person's outcome came after another worker took them over", job);
                }
            } catch (SQLException e) {
                throw failure("record an outcome of job \"" + job + "\"", e);
            }
        }

        @Override
        public Map<String, String> finished() {
            Map<String, String> done = new HashMap<>();
            try (PreparedStatement st = c.prepareStatement("SELECT person, outcome FROM " + PEOPLE
                    + " WHERE job = ? AND finished")) {
                st.setString(1, job);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        done.put(rs.getString(1), rs.getString(2));
                    }
                }
            } catch (SQLException e) {
                throw failure("read the finished people of job \"" + job + "\"", e);
            }
            return done;
        }

        @Override
        public int heldElsewhere() {
            try (PreparedStatement st = c.prepareStatement("SELECT count(*) FROM " + PEOPLE + " WHERE job = ? AND NOT finished"
                    + " AND claimed_by IS NOT NULL AND claimed_by <> ? AND lease_until >= now()"
                    + " AND NOT (claimed_by LIKE ? AND NOT claimed_by = ANY (?))")) {
                st.setString(1, job);
                st.setString(2, worker);
                endedRunsOfThisJvm(st, 3, 4);
                try (ResultSet rs = st.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            } catch (SQLException e) {
                throw failure("count the claims of job \"" + job + "\"", e);
            }
        }

        @Override
        public void keepAlive() {
            try (PreparedStatement st = c.prepareStatement("UPDATE " + PEOPLE + " SET lease_until = now()"
                    + " + make_interval(secs => ?) WHERE job = ? AND claimed_by = ?")) {
                st.setDouble(1, lease.toMillis() / 1000.0);
                st.setString(2, job);
                st.setString(3, worker);
                st.executeUpdate();
            } catch (SQLException e) {
                throw failure("renew the lease of job \"" + job + "\"", e);
            }
        }

        @Override
        public Optional<Duration> lease() {
            return Optional.of(lease);
        }

        @Override
        public void close() {
            try (PreparedStatement st = c.prepareStatement("UPDATE " + PEOPLE + " SET claimed_by = NULL, lease_until = NULL"
                    + " WHERE job = ? AND claimed_by = ?")) {
                st.setString(1, job);
                st.setString(2, worker);
                st.executeUpdate();
            } catch (SQLException e) {
                throw failure("let go of the claims of job \"" + job + "\"", e);
            } finally {
                LIVE_RUNS.remove(worker);
                closeQuietly(c);
            }
        }
    }

    private static IllegalStateException failure(String what, SQLException e) {
        // SQL state only: a driver's message may quote a statement's parameters.
        return new IllegalStateException("the bulk journal could not " + what + " (SQL state " + e.getSQLState() + ")", e);
    }

    private static void closeQuietly(@Nullable Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing more to do with a broken connection
            }
        }
    }

    @Override
    public String toString() {
        return "JdbcBulkJournal[" + PEOPLE + ", lease " + lease + "]";
    }
}
