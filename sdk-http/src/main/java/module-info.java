/** What GroupKit's HTTP adapters share: the builder's HTTP settings and the HTTP plumbing. */
@SuppressWarnings("module") // the qualified exports name modules built after this one
module io.groupkit.http {
    requires transitive io.groupkit.core;
    requires transitive java.net.http;
    requires static org.jspecify;

    exports io.groupkit.http;
    exports io.groupkit.http.internal to io.groupkit.greenapi, io.groupkit.bitrix24, io.groupkit.telegram.bot;
}
