/**
 * MTProto 2.0 on the wire, for GroupKit's own modules: TL primitives, TCP transport framing,
 * AES-256-IGE and the encrypted envelope. Both the Telegram adapter and the testkit's fake server
 * build on it. Not an API for applications: anything here may change in any release.
 */
@NullMarked
package io.groupkit.mtproto;

import org.jspecify.annotations.NullMarked;
