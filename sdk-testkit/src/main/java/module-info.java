/**
 * The fake provider, the conformance kit and offline simulators of Green-API, Bitrix24, Telegram
 * and the Telegram Bot API. JUnit is needed only by the conformance kit.
 */
module io.groupkit.testkit {
    requires transitive io.groupkit.core;
    requires io.groupkit.mtproto;
    requires com.fasterxml.jackson.databind;
    requires jdk.httpserver;
    requires transitive org.slf4j; // CapturedLogs is an SLF4J provider
    // Not transitive: an application that requires the testkit for the fake or a simulator compiles
    // without JUnit; a test that extends the conformance kit requires org.junit.jupiter.api itself.
    requires static org.junit.jupiter.api;
    requires static org.jspecify;

    exports io.groupkit.testkit.bitrix24;
    exports io.groupkit.testkit.conformance;
    exports io.groupkit.testkit.fake;
    exports io.groupkit.testkit.greenapi;
    exports io.groupkit.testkit.logs;
    exports io.groupkit.testkit.telegram;
    exports io.groupkit.testkit.telegrambot;
    exports io.groupkit.testkit.time;
}
