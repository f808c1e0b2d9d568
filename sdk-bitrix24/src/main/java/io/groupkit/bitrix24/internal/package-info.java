/**
 * The Bitrix24 adapter's implementation: {@link io.groupkit.bitrix24.internal.BitrixProvider} (the
 * core's provider SPI) and {@link io.groupkit.bitrix24.internal.ChatMethods} (the client's own chat
 * methods), over the parts both use: transport and token refresh, the answer reader
 * ({@link io.groupkit.bitrix24.internal.BitrixAnswers}), each method's time budget, pacing and
 * batches. Not an API: anything here may change in any release.
 */
@NullMarked
package io.groupkit.bitrix24.internal;

import org.jspecify.annotations.NullMarked;
