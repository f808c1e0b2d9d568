/**
 * The careful parts GroupKit does once for every provider: pacing calls to the provider's rate
 * limits ({@link io.groupkit.core.policy.RateLimiter}), retrying transient answers
 * ({@link io.groupkit.core.policy.RetryPolicy}) and sending invite links to people who cannot be
 * added directly ({@link io.groupkit.core.policy.InviteFallback}). Bundle them with
 * {@link io.groupkit.core.Policies}.
 */
@NullMarked
package io.groupkit.core.policy;

import org.jspecify.annotations.NullMarked;
