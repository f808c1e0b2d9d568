/** Metrics and observations of GroupKit's calls, from its listener. */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.groupkit.micrometer {
    requires transitive io.groupkit.core;
    requires transitive micrometer.core;
    requires transitive micrometer.observation;
    requires static org.jspecify;

    exports io.groupkit.micrometer;
}
