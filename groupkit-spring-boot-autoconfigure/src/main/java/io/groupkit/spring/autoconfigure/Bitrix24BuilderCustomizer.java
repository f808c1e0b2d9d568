package io.groupkit.spring.autoconfigure;

import io.groupkit.bitrix24.Bitrix24;

/**
 * Changes what the {@code groupkit.bitrix24.*} properties cannot set on a Bitrix24 client's
 * builder, for each account, before the client is built: a bean of this type is applied to the
 * builder of every Bitrix24 account the auto-configuration makes — the single one (account
 * {@code "default"}) and each named one ({@code groupkit.bitrix24.accounts.<name>}) — in {@code @Order},
 * after the properties and before {@code build()}. The client bean stays the auto-configuration's:
 * no need to replace it to set a listener, a timeout or an executor.
 *
 * <pre>
 * &#64;Bean
 * Bitrix24BuilderCustomizer perAccount() {
 *     return (account, builder) -&gt; {
 *         if (account.equals("sales")) {
 *             builder.slowDownAt(0.7);
 *         }
 *     };
 * }
 * </pre>
 */
@FunctionalInterface
public interface Bitrix24BuilderCustomizer {

    /**
     * Changes one account's builder.
     *
     * @param account the account's name: {@code "default"} for {@code groupkit.bitrix24.*},
     *     else the {@code <name>} of {@code groupkit.bitrix24.accounts.<name>}
     * @param builder the builder, with the properties already applied
     */
    void customize(String account, Bitrix24.Builder builder);
}
