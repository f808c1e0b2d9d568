package io.groupkit.spring.autoconfigure;

import io.groupkit.telegram.bot.TelegramBot;

/**
 * Changes what the {@code groupkit.telegram-bot.*} properties cannot set on a bot client's builder,
 * for each bot, before the client is built: a bean of this type is applied to the builder of every
 * bot the auto-configuration makes — the single one (account {@code "default"}) and each named one
 * ({@code groupkit.telegram-bot.accounts.<name>}) — in {@code @Order}, after the properties and
 * before {@code build()}.
 */
@FunctionalInterface
public interface TelegramBotBuilderCustomizer {

    /**
     * Changes one bot's builder.
     *
     * @param account the account's name: {@code "default"} for {@code groupkit.telegram-bot.*},
     *     else the {@code <name>} of {@code groupkit.telegram-bot.accounts.<name>}
     * @param builder the builder, with the properties already applied
     */
    void customize(String account, TelegramBot.Builder builder);
}
