/**
 * GroupKit's provider-neutral API: {@link io.groupkit.core.GroupMembership}, its outcomes, the
 * policies, and the SPI for adapter authors. Pulls no JSON or HTTP library.
 */
// "module": the qualified exports name modules built after this one; libphonenumber is an automatic module
@SuppressWarnings({"module", "requires-automatic"})
module io.groupkit.core {
    requires org.slf4j;
    requires com.google.i18n.phonenumbers.libphonenumber;
    requires static transitive org.jspecify;

    exports io.groupkit.core;
    exports io.groupkit.core.policy;
    exports io.groupkit.core.spi;
    exports io.groupkit.core.time;
    exports io.groupkit.core.journal;
    exports io.groupkit.core.events;
    // No compatibility promise: only GroupKit's own adapters and the testkit (VirtualTime) may read it.
    exports io.groupkit.core.internal to io.groupkit.http, io.groupkit.greenapi, io.groupkit.bitrix24, io.groupkit.telegram,
            io.groupkit.telegram.bot,
            io.groupkit.testkit;
}
