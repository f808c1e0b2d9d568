/**
 * Running GroupKit on several servers that share a provider account: {@link
 * io.groupkit.fleet.FleetRateLimiter} keeps the account's limits in a shared store, so N servers
 * pace as one; {@link io.groupkit.fleet.JdbcTokenStore} keeps a Bitrix24 app's OAuth pair in
 * PostgreSQL and refreshes it once for all of them; {@link io.groupkit.fleet.JdbcBulkJournal} lets
 * several workers run one bulk job; {@link io.groupkit.fleet.JdbcMembershipStore} lets membership
 * watches share their groups (one watcher a group at a time, taken over when it dies) and keeps the
 * invitations GroupKit sent.
 */
@NullMarked
package io.groupkit.fleet;

import org.jspecify.annotations.NullMarked;
