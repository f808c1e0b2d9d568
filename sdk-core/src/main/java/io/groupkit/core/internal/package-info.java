/**
 * GroupKit's implementation: the client that applies the policies around a provider, and helpers
 * shared by the provider modules. Not an API: anything here may change in any release.
 */
package io.groupkit.core.internal;
