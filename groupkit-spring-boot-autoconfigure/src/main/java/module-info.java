/**
 * Spring Boot 4 auto-configuration of GroupKit: {@code groupkit.*} properties, a client per
 * configured account, health indicators, Micrometer metrics. Spring Boot applications put it on the
 * class path (where this descriptor is not read); on the module path the module is open, because
 * Spring reflects on its configuration classes. Each adapter, the fleet, Micrometer, JDBC, Lettuce
 * and Spring's health module are used only when the application has them ({@code requires static}).
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
open module io.groupkit.spring.autoconfigure {
    requires transitive io.groupkit.core;
    requires transitive spring.beans;
    requires transitive spring.boot;
    requires transitive spring.boot.autoconfigure;
    requires transitive spring.context;
    requires transitive spring.core;
    requires static transitive io.groupkit.bitrix24;
    requires static transitive io.groupkit.fleet;
    requires static transitive io.groupkit.greenapi;
    requires static transitive io.groupkit.micrometer;
    requires static transitive io.groupkit.telegram;
    requires static transitive io.groupkit.telegram.bot;
    requires static transitive java.sql;
    requires static transitive lettuce.core;
    requires static transitive spring.boot.health;
    requires static org.jspecify;

    exports io.groupkit.spring.autoconfigure;
}
