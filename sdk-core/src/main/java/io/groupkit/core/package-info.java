/**
 * GroupKit's public API: one provider-neutral way to add people to groups, remove them,
 * get a group's invite link and list its members, for one person or thousands.
 *
 * <p>Start with {@link io.groupkit.core.GroupMembership}. Every answer a provider documents
 * comes back as a value of a sealed result type ({@link io.groupkit.core.AddResult},
 * {@link io.groupkit.core.RemoveResult}, {@link io.groupkit.core.InviteLinkResult},
 * {@link io.groupkit.core.MembersResult}); only a bug in the caller's code throws.
 *
 * <p>Java 21 callers can switch over a result exhaustively. New, more specific outcomes may be
 * added in minor versions, so keep a {@code default} branch; {@link io.groupkit.core.Unrecognized}
 * carries answers this version does not know yet. Java 17 callers branch on
 * {@link io.groupkit.core.Outcome#kind()} or use {@code instanceof}.
 *
 * <p>No method returns {@code null}; absent values are {@link java.util.Optional}.
 */
@NullMarked
package io.groupkit.core;

import org.jspecify.annotations.NullMarked;
