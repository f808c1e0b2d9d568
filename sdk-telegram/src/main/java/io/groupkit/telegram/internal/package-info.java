/**
 * The Telegram adapter's implementation, built in pieces: TL serialization and MTProto transport
 * framing so far. Not an API: anything here may change in any release.
 */
package io.groupkit.telegram.internal;
