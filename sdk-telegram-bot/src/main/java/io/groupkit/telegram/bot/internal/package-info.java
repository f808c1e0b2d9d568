/**
 * The Telegram Bot API adapter's implementation. Not an API: anything here may change in any release.
 *
 * <p>{@link io.groupkit.telegram.bot.internal.BotProvider} is the core's {@code MembershipProvider};
 * it calls {@link io.groupkit.telegram.bot.internal.BotTransport} (one POST per method) and reads
 * the answers with {@link io.groupkit.telegram.bot.internal.BotAnswers}; updates, polled or pushed
 * to a webhook, become events in {@link io.groupkit.telegram.bot.internal.UpdateMapper}.
 */
@NullMarked
package io.groupkit.telegram.bot.internal;

import org.jspecify.annotations.NullMarked;
