/**
 * The Telegram adapter: group membership for a user account over MTProto 2.0, in pure Java.
 * Start at {@link io.groupkit.telegram.Telegram#builder()} with a session imported by
 * {@link io.groupkit.telegram.TelegramSession} (Telethon {@code StringSession}, Pyrogram, or a data
 * centre and auth key); groups are {@link io.groupkit.telegram.TelegramGroup}s.
 */
@NullMarked
package io.groupkit.telegram;

import org.jspecify.annotations.NullMarked;
