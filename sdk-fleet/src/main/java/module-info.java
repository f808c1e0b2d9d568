/** Limits shared by every server of a fleet, on Bucket4j's distributed buckets. */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.groupkit.fleet {
    requires transitive io.groupkit.core;
    requires transitive lettuce.core;
    requires io.github.bucket4j.core;
    requires io.github.bucket4j.lettuce;
    requires io.github.bucket4j.postgresql;
    requires transitive java.sql;
    requires org.slf4j;
    requires static org.jspecify;

    exports io.groupkit.fleet;
}
