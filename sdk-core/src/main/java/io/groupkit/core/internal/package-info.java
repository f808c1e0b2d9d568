/**
 * GroupKit's implementation: the client that applies the policies around a provider, and helpers
 * shared by the provider modules. Not an API: anything here may change in any release.
 */
@NullMarked
package io.groupkit.core.internal;

import org.jspecify.annotations.NullMarked;
