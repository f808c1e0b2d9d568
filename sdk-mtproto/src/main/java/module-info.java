/** The MTProto 2.0 wire format. Internal to GroupKit: read only by the Telegram adapter and the testkit. */
@SuppressWarnings("module") // the qualified exports name modules built after this one
module io.groupkit.mtproto {
    requires static org.jspecify;

    exports io.groupkit.mtproto to io.groupkit.telegram, io.groupkit.testkit;
}
