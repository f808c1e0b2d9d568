/** The Telegram Bot API adapter: {@link io.groupkit.telegram.bot.TelegramBot#builder()}. */
module io.groupkit.telegram.bot {
    requires transitive io.groupkit.core;
    requires transitive io.groupkit.http;
    requires transitive jdk.httpserver;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires static org.jspecify;

    exports io.groupkit.telegram.bot;
}
