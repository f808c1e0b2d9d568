/**
 * The Telegram adapter, built in pieces (issue 5). What exists: {@link io.groupkit.telegram.TelegramSession},
 * which imports the session strings users already have (Telethon {@code StringSession}, Pyrogram)
 * or an explicit data centre and auth key; and, internally, TL serialization and the TCP transport
 * framing. Not yet: the MTProto 2.0 client, the membership methods and the fake server.
 */
package io.groupkit.telegram;
