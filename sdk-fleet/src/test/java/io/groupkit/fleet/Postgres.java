package io.groupkit.fleet;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;

/**
 * A real PostgreSQL for the tests: the embedded server's binaries (PostgreSQL 14) on a free port,
 * or the database {@code GROUPKIT_TEST_POSTGRES} names (a JDBC URL with user and password), which
 * is then left alone.
 */
final class Postgres implements AutoCloseable {
    private final EmbeddedPostgres server; // null for an external one
    private final String url;

    private Postgres(EmbeddedPostgres server, String url) {
        this.server = server;
        this.url = url;
    }

    static Postgres start() throws IOException {
        String external = System.getenv("GROUPKIT_TEST_POSTGRES");
        if (external != null && !external.isBlank()) {
            return new Postgres(null, external.strip());
        }
        EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        return new Postgres(server, server.getJdbcUrl("postgres", "postgres"));
    }

    /**
     * An embedded server on a data directory that outlives it: stop it, start another on the same
     * directory, and the data is there (on another port: take the new {@link #url()}).
     */
    static Postgres startIn(java.nio.file.Path data) throws IOException {
        EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).start();
        return new Postgres(server, server.getJdbcUrl("postgres", "postgres"));
    }

    private static Postgres shared;

    /**
     * A database of its own on a server the watch tests share (started once, stopped when the test
     * JVM ends): each start of an embedded server costs seconds.
     *
     * @param name the database, new
     * @return its JDBC URL
     */
    static synchronized String sharedDatabase(String name) throws Exception {
        if (shared == null) {
            shared = start();
            Postgres started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.stop();
                } catch (IOException ignored) {
                    // the JVM is ending
                }
            }));
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(shared.url);
             java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return shared.server != null ? shared.server.getJdbcUrl("postgres", name)
                : shared.url.replaceFirst("/[A-Za-z0-9_]+(\\?|$)", "/" + name + "$1");
    }

    String url() {
        return url;
    }

    boolean embedded() {
        return server != null;
    }

    /** A data source that opens each connection with the driver manager: enough for the limiter. */
    static DataSource dataSource(String url) {
        return new DataSource() {
            @Override
            public java.sql.Connection getConnection() throws java.sql.SQLException {
                return java.sql.DriverManager.getConnection(url);
            }

            @Override
            public java.sql.Connection getConnection(String user, String password) throws java.sql.SQLException {
                return java.sql.DriverManager.getConnection(url, user, password);
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
        };
    }

    /**
     * A data source that keeps the connections it opened and hands them out again, as an
     * application's pool does: a watcher saves after each event, and a new connection for each save
     * would be most of its time.
     */
    static DataSource pooledDataSource(String url) {
        DataSource direct = dataSource(url);
        java.util.concurrent.BlockingQueue<java.sql.Connection> idle = new java.util.concurrent.LinkedBlockingQueue<>();
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(Postgres.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getConnection") || method.getParameterCount() != 0) {
                        return method.invoke(direct, args);
                    }
                    java.sql.Connection c = idle.poll();
                    if (c == null || c.isClosed()) {
                        c = direct.getConnection();
                    }
                    java.sql.Connection real = c;
                    return java.lang.reflect.Proxy.newProxyInstance(Postgres.class.getClassLoader(),
                            new Class<?>[] {java.sql.Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("close") && m.getParameterCount() == 0) {
                                    if (!real.getAutoCommit()) {
                                        real.rollback();
                                        real.setAutoCommit(true);
                                    }
                                    idle.add(real);
                                    return null;
                                }
                                try {
                                    return m.invoke(real, a);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
    }

    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Override
    public void close() throws IOException {
        stop();
    }
}
