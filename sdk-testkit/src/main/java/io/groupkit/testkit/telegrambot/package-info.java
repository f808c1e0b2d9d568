/**
 * An offline Telegram Bot API: {@link io.groupkit.testkit.telegrambot.BotApiSimulator} speaks the
 * Bot API over HTTP on loopback ({@code /bot<token>/<method>}), with supergroups and basic groups,
 * members and their statuses, invite links with limits and expiry, join requests, the updates
 * queue with offsets, long polling and retention, webhooks with the secret header, and scripted
 * 429s and refusals, so a bot adapter's tests need neither a bot nor the network.
 */
@NullMarked
package io.groupkit.testkit.telegrambot;

import org.jspecify.annotations.NullMarked;
