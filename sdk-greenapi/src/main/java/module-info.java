/** The Green-API (WhatsApp) adapter: {@link io.groupkit.greenapi.GreenApi#builder()}. */
module io.groupkit.greenapi {
    requires transitive io.groupkit.core;
    requires transitive io.groupkit.http;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires static org.jspecify;

    exports io.groupkit.greenapi;
}
