/**
 * HTTP plumbing of the provider modules: capped bodies, the answer as text, HTTPS checks, one
 * exchange made as the caller's thread allows. Not an API: exported only to GroupKit's HTTP
 * adapters, and anything here may change in any release.
 */
@NullMarked
package io.groupkit.http.internal;

import org.jspecify.annotations.NullMarked;
