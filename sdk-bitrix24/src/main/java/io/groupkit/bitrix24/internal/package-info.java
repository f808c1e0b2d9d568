/**
 * The Bitrix24 adapter's implementation: transport, token refresh, answer mapping, pacing and
 * batches. Not an API: anything here may change in any release.
 */
@NullMarked
package io.groupkit.bitrix24.internal;

import org.jspecify.annotations.NullMarked;
