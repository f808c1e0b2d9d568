package io.groupkit.fleet;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** The tables the fleet keeps in PostgreSQL, made on first use. */
final class Tables {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");

    private Tables() {
    }

    /**
     * Checks a table name given by the application (it is written into SQL).
     *
     * @param name the name, optionally with its schema
     * @return the name
     */
    static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("expected a table name such as groupkit_tokens or myschema.groupkit_tokens"
                    + " (letters, digits, underscores), got \"" + name + "\"");
        }
        return name;
    }

    /**
     * Runs {@code ddl} ({@code CREATE ... IF NOT EXISTS}). Servers starting together may race:
     * PostgreSQL can then refuse one of them (a duplicate in its catalog), and the second try finds
     * what the other made.
     *
     * @param dataSource the database
     * @param ddl the statements, each made idempotent by {@code IF NOT EXISTS}
     * @throws IllegalStateException if they fail twice, with the DDL to run by hand
     */
    static void create(DataSource dataSource, String... ddl) {
        try {
            execute(dataSource, ddl);
        } catch (SQLException raced) {
            try {
                execute(dataSource, ddl);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create or find GroupKit's table (SQL state " + e.getSQLState()
                        + "): create it with " + String.join("; ", ddl), e);
            }
        }
    }

    private static void execute(DataSource dataSource, String[] ddl) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            for (String statement : ddl) {
                st.execute(statement);
            }
        }
    }
}
