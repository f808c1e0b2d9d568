/** What every server of a fleet shares: limits on Bucket4j's distributed buckets, Bitrix24 OAuth pairs in PostgreSQL. */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.groupkit.fleet {
    requires transitive io.groupkit.core;
    requires transitive lettuce.core;
    requires io.github.bucket4j.core;
    requires io.github.bucket4j.lettuce;
    requires io.github.bucket4j.postgresql;
    requires transitive java.sql;
    requires static transitive io.groupkit.bitrix24; // JdbcTokenStore only
    requires org.slf4j;
    requires static org.jspecify;

    exports io.groupkit.fleet;
}
