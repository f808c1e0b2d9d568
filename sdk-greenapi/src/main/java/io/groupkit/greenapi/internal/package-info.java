/**
 * The Green-API adapter's implementation: HTTP transport, answer mapping, diagnosis and caches.
 * Not an API: anything here may change in any release.
 */
@NullMarked
package io.groupkit.greenapi.internal;

import org.jspecify.annotations.NullMarked;
