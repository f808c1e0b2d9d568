package io.groupkit.core;

/**
 * What came of an operation beyond the four common ones: creating a group, renaming it, making
 * someone an admin, leaving, checking a number or the account's state. Provider clients offer such
 * operations where the provider has them.
 *
 * <p>On Java 21, switch over it and keep a {@code default} branch for outcomes added later.
 */
public sealed interface ActionResult extends Outcome
        permits Done, GroupCreated, AccountStatus, NotRegistered, Indeterminate, Failure {
}
