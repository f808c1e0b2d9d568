/** The Telegram adapter over MTProto 2.0, pure Java: {@link io.groupkit.telegram.Telegram#builder()}. */
module io.groupkit.telegram {
    requires transitive io.groupkit.core;
    requires io.groupkit.mtproto;
    requires org.slf4j;
    requires static org.jspecify;

    exports io.groupkit.telegram;
}
