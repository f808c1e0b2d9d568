package io.groupkit.spring.autoconfigure;

import io.groupkit.telegram.Telegram;

/**
 * Changes what the {@code groupkit.telegram.*} properties cannot set on a Telegram client's
 * builder, for each account, before the client is built: a bean of this type is applied to the
 * builder of every Telegram account the auto-configuration makes — the single one (account
 * {@code "default"}) and each named one ({@code groupkit.telegram.accounts.<name>}) — in {@code @Order},
 * after the properties and before {@code build()}. The client bean stays the auto-configuration's:
 * no need to replace it to set a listener, a timeout or an executor.
 *
 * <pre>
 * &#64;Bean
 * TelegramBuilderCustomizer perAccount() {
 *     return (account, builder) -&gt; {
 *         if (account.equals("sales")) {
 *             builder.requestTimeout(Duration.ofSeconds(20));
 *         }
 *     };
 * }
 * </pre>
 */
@FunctionalInterface
public interface TelegramBuilderCustomizer {

    /**
     * Changes one account's builder.
     *
     * @param account the account's name: {@code "default"} for {@code groupkit.telegram.*},
     *     else the {@code <name>} of {@code groupkit.telegram.accounts.<name>}
     * @param builder the builder, with the properties already applied
     */
    void customize(String account, Telegram.Builder builder);
}
