/**
 * GroupKit's calls as Micrometer metrics and observations: {@link io.groupkit.micrometer.GroupKitMetrics}
 * is a {@link io.groupkit.core.GroupKitListener} to set in a client's policies. Tags name the
 * provider, the operation, the outcome kind and rate limits only: never a person, a group or a secret.
 */
@NullMarked
package io.groupkit.micrometer;

import org.jspecify.annotations.NullMarked;
