/**
 * Running GroupKit on several servers that share a provider account: {@link
 * io.groupkit.fleet.FleetRateLimiter} keeps the account's limits in a shared store, so N servers
 * pace as one; {@link io.groupkit.fleet.JdbcTokenStore} keeps a Bitrix24 app's OAuth pair in
 * PostgreSQL and refreshes it once for all of them.
 */
@NullMarked
package io.groupkit.fleet;

import org.jspecify.annotations.NullMarked;
