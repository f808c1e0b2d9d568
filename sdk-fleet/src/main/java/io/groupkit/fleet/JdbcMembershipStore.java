package io.groupkit.fleet;

import io.groupkit.core.InviteDelivery;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.events.Invitation;
import io.groupkit.core.events.MembershipStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * What membership watches have seen, and the invitations GroupKit sent, in PostgreSQL: the
 * {@link MembershipStore} a fleet shares. Servers watching the same groups through one database
 * share them: one server at a time holds a group's lease and lists it, so a group is listed once per
 * interval fleet-wide and each change is delivered by one server; when a server dies, another takes
 * its groups once their leases have run out.
 *
 * <p>Leases are timed by the watchers' clocks (the {@code now} each call is given), as the
 * {@link MembershipStore} contract says: a claim takes a scope whose lease ended before the
 * claimer's {@code now}, and a save is fenced by the saver's {@code now}. Keep the servers' clocks
 * in step (NTP) and the watch's lease well above their skew: a server whose clock runs ahead by
 * more than the lease may take a live server's groups early (the live one then fails its next save
 * and lets go, so nothing is overwritten, but the event under way may be delivered twice).
 *
 * <p>Tables, created on first use if they do not exist (or by hand with this DDL):
 * <pre>{@code
 * CREATE TABLE groupkit_watch_scope (
 *     scope TEXT PRIMARY KEY,             -- account/group, or account#events
 *     owner VARCHAR(200),                 -- the watcher holding the lease, if any
 *     lease_until TIMESTAMPTZ,
 *     state TEXT,                         -- what the watch saw (opaque to the store)
 *     version BIGINT NOT NULL DEFAULT 0); -- saves so far
 * CREATE TABLE groupkit_invitation (
 *     id VARCHAR(200) PRIMARY KEY,
 *     seq BIGSERIAL,
 *     account TEXT NOT NULL,
 *     group_key TEXT NOT NULL,
 *     member_kind VARCHAR(16) NOT NULL,
 *     member_value TEXT NOT NULL,         -- a phone number or user id: keep the table private
 *     link TEXT NOT NULL,
 *     invited_at TIMESTAMPTZ NOT NULL,
 *     delivery VARCHAR(16) NOT NULL,
 *     expires_at TIMESTAMPTZ,
 *     joined_at TIMESTAMPTZ,
 *     join_event_id VARCHAR(200));
 * CREATE INDEX groupkit_invitation_account ON groupkit_invitation (account, group_key);
 * }</pre>
 * The watch state holds the members of each watched group, and the invitations the people invited:
 * both are personal data, to be kept where the application's other personal data is.
 *
 * <p>Each call takes a connection from the data source and gives it back; it blocks, and runs on
 * the thread that calls it (a watch calls it on the executor it was given). A database that cannot
 * answer makes a call throw {@link IllegalStateException} (with the SQL state, never a statement's
 * parameters): a watch then reports {@code STORE_UNAVAILABLE} and delivers nothing until it answers
 * again. Immutable and thread-safe.
 */
public final class JdbcMembershipStore implements MembershipStore {
    /** The default name of the table of scopes (leases and watch states). */
    public static final String DEFAULT_SCOPES = "groupkit_watch_scope";
    /** The default name of the table of invitations. */
    public static final String DEFAULT_INVITATIONS = "groupkit_invitation";

    private final DataSource dataSource;
    private final String scopes;
    private final String invitations;

    private JdbcMembershipStore(DataSource dataSource, String scopes, String invitations) {
        this.dataSource = dataSource;
        this.scopes = scopes;
        this.invitations = invitations;
    }

    /**
     * A store in PostgreSQL with the default tables; creates them if they do not exist.
     *
     * @param dataSource the database; it stays the application's
     * @return the store
     * @throws IllegalStateException if the tables can be neither found nor created
     */
    public static JdbcMembershipStore postgres(DataSource dataSource) {
        return postgres(dataSource, DEFAULT_SCOPES, DEFAULT_INVITATIONS);
    }

    /**
     * A store in PostgreSQL with tables of your naming; creates them if they do not exist.
     *
     * @param dataSource the database; it stays the application's
     * @param scopesTable the table of scopes, optionally with its schema
     * @param invitationsTable the table of invitations, optionally with its schema
     * @return the store
     * @throws IllegalStateException if the tables can be neither found nor created
     */
    public static JdbcMembershipStore postgres(DataSource dataSource, String scopesTable, String invitationsTable) {
        Objects.requireNonNull(dataSource, "dataSource must not be null");
        String s = Tables.checkName(Objects.requireNonNull(scopesTable, "scopesTable must not be null"));
        String i = Tables.checkName(Objects.requireNonNull(invitationsTable, "invitationsTable must not be null"));
        String index = (i.contains(".") ? i.substring(i.indexOf('.') + 1) : i) + "_account";
        Tables.create(dataSource,
                "CREATE TABLE IF NOT EXISTS " + s + " (scope TEXT PRIMARY KEY, owner VARCHAR(200),"
                        + " lease_until TIMESTAMPTZ, state TEXT, version BIGINT NOT NULL DEFAULT 0)",
                "CREATE TABLE IF NOT EXISTS " + i + " (id VARCHAR(200) PRIMARY KEY, seq BIGSERIAL,"
                        + " account TEXT NOT NULL, group_key TEXT NOT NULL, member_kind VARCHAR(16) NOT NULL,"
                        + " member_value TEXT NOT NULL, link TEXT NOT NULL, invited_at TIMESTAMPTZ NOT NULL,"
                        + " delivery VARCHAR(16) NOT NULL, expires_at TIMESTAMPTZ, joined_at TIMESTAMPTZ,"
                        + " join_event_id VARCHAR(200))",
                "CREATE INDEX IF NOT EXISTS " + index + " ON " + i + " (account, group_key)");
        return new JdbcMembershipStore(dataSource, s, i);
    }

    /**
     * Takes the lease in one statement: a scope seen for the first time is inserted; one that is
     * free, expired at {@code now} or already {@code owner}'s is updated; one another watcher holds
     * is left alone and no row comes back.
     */
    @Override
    public Lease claim(String scope, String owner, Instant now, Duration lease) {
        Objects.requireNonNull(scope, "scope must not be null");
        Objects.requireNonNull(owner, "owner must not be null");
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("INSERT INTO " + scopes + " AS t (scope, owner, lease_until)"
                     + " VALUES (?, ?, ?) ON CONFLICT (scope) DO UPDATE SET owner = EXCLUDED.owner,"
                     + " lease_until = EXCLUDED.lease_until"
                     + " WHERE t.owner IS NULL OR t.owner = EXCLUDED.owner OR t.lease_until <= ? RETURNING t.state")) {
            st.setString(1, scope);
            st.setString(2, owner);
            st.setObject(3, at(now.plus(lease)));
            st.setObject(4, at(now));
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return new Lease(false, Optional.empty());
                }
                return new Lease(true, Optional.ofNullable(rs.getString(1)));
            }
        } catch (SQLException e) {
            throw unavailable("claim a scope's lease", e);
        }
    }

    @Override
    public boolean save(String scope, String owner, Instant now, String state) {
        Objects.requireNonNull(state, "state must not be null");
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("UPDATE " + scopes + " SET state = ?, version = version + 1"
                     + " WHERE scope = ? AND owner = ? AND lease_until > ?")) {
            st.setString(1, state);
            st.setString(2, scope);
            st.setString(3, owner);
            st.setObject(4, at(now));
            return st.executeUpdate() == 1;
        } catch (SQLException e) {
            throw unavailable("save a scope's state", e);
        }
    }

    @Override
    public void release(String scope, String owner) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("UPDATE " + scopes + " SET owner = NULL, lease_until = NULL"
                     + " WHERE scope = ? AND owner = ?")) {
            st.setString(1, scope);
            st.setString(2, owner);
            st.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("release a scope's lease", e);
        }
    }

    /** Recording an invitation with an id already there replaces it, as the embedded stores do. */
    @Override
    public void record(Invitation invitation) {
        Objects.requireNonNull(invitation, "invitation must not be null");
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("INSERT INTO " + invitations + " (id, account, group_key,"
                     + " member_kind, member_value, link, invited_at, delivery, expires_at, joined_at, join_event_id)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET account = EXCLUDED.account,"
                     + " group_key = EXCLUDED.group_key, member_kind = EXCLUDED.member_kind,"
                     + " member_value = EXCLUDED.member_value, link = EXCLUDED.link, invited_at = EXCLUDED.invited_at,"
                     + " delivery = EXCLUDED.delivery, expires_at = EXCLUDED.expires_at, joined_at = EXCLUDED.joined_at,"
                     + " join_event_id = EXCLUDED.join_event_id")) {
            st.setString(1, invitation.id());
            st.setString(2, invitation.account());
            st.setString(3, invitation.groupKey());
            st.setString(4, invitation.member().kind().name());
            st.setString(5, invitation.member().value());
            st.setString(6, invitation.link());
            st.setObject(7, at(invitation.invitedAt()));
            st.setString(8, invitation.delivery().name());
            st.setObject(9, invitation.expiresAt().map(JdbcMembershipStore::at).orElse(null));
            st.setObject(10, invitation.joinedAt().map(JdbcMembershipStore::at).orElse(null));
            st.setString(11, invitation.joinEventId().orElse(null));
            st.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("record an invitation", e);
        }
    }

    @Override
    public List<Invitation> invitations(String account, Optional<String> groupKey) {
        Objects.requireNonNull(account, "account must not be null");
        Objects.requireNonNull(groupKey, "groupKey must not be null (use Optional.empty())");
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("SELECT id, account, group_key, member_kind, member_value, link,"
                     + " invited_at, delivery, expires_at, joined_at, join_event_id FROM " + invitations
                     + " WHERE account = ?" + (groupKey.isPresent() ? " AND group_key = ?" : "")
                     + " ORDER BY invited_at, seq")) {
            st.setString(1, account);
            if (groupKey.isPresent()) {
                st.setString(2, groupKey.get());
            }
            List<Invitation> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new Invitation(rs.getString(1), rs.getString(2), rs.getString(3),
                            member(rs.getString(4), rs.getString(5)), rs.getString(6), instant(rs, 7).orElseThrow(),
                            InviteDelivery.valueOf(rs.getString(8)), instant(rs, 9), instant(rs, 10),
                            Optional.ofNullable(rs.getString(11))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw unavailable("read invitations", e);
        }
    }

    /** Only an open invitation is closed: a join seen again (a watcher restarted) changes nothing. */
    @Override
    public void joined(String invitationId, Instant at, String eventId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement st = c.prepareStatement("UPDATE " + invitations + " SET joined_at = ?, join_event_id = ?"
                     + " WHERE id = ? AND joined_at IS NULL")) {
            st.setObject(1, at(at));
            st.setString(2, eventId);
            st.setString(3, invitationId);
            st.executeUpdate();
        } catch (SQLException e) {
            throw unavailable("close an invitation", e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        @Nullable OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }

    private static Member member(String kind, String value) {
        return switch (MemberKind.valueOf(kind)) {
            case PHONE -> new Member.Phone(value);
            case USER_ID -> Member.userId(value);
            case USERNAME -> Member.username(value);
            case CHAT_ID -> Member.chatId(value);
        };
    }

    private IllegalStateException unavailable(String what, SQLException e) {
        // SQL state only: a driver's message may quote a statement's parameters (phone numbers).
        return new IllegalStateException("the membership store could not " + what + " in " + scopes + "/" + invitations
                + " (SQL state " + e.getSQLState() + ")");
    }

    @Override
    public String toString() {
        return "JdbcMembershipStore[" + scopes + ", " + invitations + "]";
    }
}
