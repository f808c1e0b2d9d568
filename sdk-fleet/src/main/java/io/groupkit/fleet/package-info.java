/**
 * Running GroupKit on several servers that share a provider account: {@link
 * io.groupkit.fleet.FleetRateLimiter} keeps the account's limits in a shared store, so N servers
 * pace as one.
 */
@NullMarked
package io.groupkit.fleet;

import org.jspecify.annotations.NullMarked;
