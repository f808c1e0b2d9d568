/**
 * Membership events: who joined, left, was removed, promoted or demoted in a watched group, and
 * whether a join came from an invitation GroupKit sent.
 *
 * <p>Start with {@link io.groupkit.core.GroupMembership#watch()}. A watch lists each group (or
 * reads the provider's pushed events, where it has them), compares what it saw with what it saw
 * last, and hands each change to your {@link io.groupkit.core.events.MembershipEventHandler} on an
 * executor you give. What it has seen is kept in a {@link io.groupkit.core.events.MembershipStore}
 * (a directory of files, or PostgreSQL with {@code sdk-fleet}), so a restarted watcher resumes
 * where it stopped and several servers share the work, one watcher per group at a time.
 */
@NullMarked
package io.groupkit.core.events;

import org.jspecify.annotations.NullMarked;
