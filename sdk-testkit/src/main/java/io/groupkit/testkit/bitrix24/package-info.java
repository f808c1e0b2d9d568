/**
 * An offline Bitrix24 portal: {@link io.groupkit.testkit.bitrix24.Bitrix24Simulator} speaks its
 * REST protocol on loopback, with webhooks and OAuth apps, users, CRM items with open-line chats,
 * messenger chats with owners and managers, the leaky bucket, per-method time budgets, batch, a
 * switch for older builds' WRONG_REQUEST, and a portal that moves.
 */
@NullMarked
package io.groupkit.testkit.bitrix24;

import org.jspecify.annotations.NullMarked;
