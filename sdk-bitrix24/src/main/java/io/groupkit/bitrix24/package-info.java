/**
 * The Bitrix24 REST adapter: open-line CRM chats ({@link io.groupkit.bitrix24.CrmChat},
 * {@code imopenlines.crm.chat.user.add/delete}) and messenger chats
 * ({@link io.groupkit.bitrix24.ImChat}, {@code im.chat.user.*}), over an inbound webhook or an
 * OAuth 2.0 app whose tokens are refreshed once for all concurrent calls and stored through a
 * {@link io.groupkit.bitrix24.TokenStore} before they are used. Start with
 * {@link io.groupkit.bitrix24.Bitrix24#webhook(String)} or {@link io.groupkit.bitrix24.Bitrix24#oauth}.
 */
@NullMarked
package io.groupkit.bitrix24;

import org.jspecify.annotations.NullMarked;
