/**
 * The Telegram adapter's implementation: the MTProto session and connection, the RPC loop with
 * its service messages, and the membership provider. Not an API: anything here may change in any
 * release.
 */
@NullMarked
package io.groupkit.telegram.internal;

import org.jspecify.annotations.NullMarked;
