/** The Bitrix24 REST adapter: {@link io.groupkit.bitrix24.Bitrix24#webhook} or {@link io.groupkit.bitrix24.Bitrix24#oauth}. */
@SuppressWarnings("module") // "bitrix24" is the product's name, digits and all
module io.groupkit.bitrix24 {
    requires transitive io.groupkit.core;
    requires transitive io.groupkit.http;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires static org.jspecify;

    exports io.groupkit.bitrix24;
}
