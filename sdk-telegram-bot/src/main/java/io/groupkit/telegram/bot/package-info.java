/**
 * Telegram groups through a bot ({@link io.groupkit.telegram.bot.TelegramBot#builder()}): a bot
 * cannot add anyone, so an add answers with a personal invite link; removals, join requests, one
 * person's membership, and membership events by {@code getUpdates} or a webhook
 * ({@link io.groupkit.telegram.bot.TelegramBotWebhook}).
 */
@NullMarked
package io.groupkit.telegram.bot;

import org.jspecify.annotations.NullMarked;
