package io.groupkit.spring.autoconfigure;

import io.groupkit.greenapi.GreenApi;

/**
 * Changes what the {@code groupkit.greenapi.*} properties cannot set on a Green-API client's
 * builder, for each account, before the client is built: a bean of this type is applied to the
 * builder of every Green-API account the auto-configuration makes — the single one (account
 * {@code "default"}) and each named one ({@code groupkit.greenapi.accounts.<name>}) — in {@code @Order},
 * after the properties and before {@code build()}. The client bean stays the auto-configuration's:
 * no need to replace it to set a listener, a timeout or an executor.
 *
 * <pre>
 * &#64;Bean
 * GreenApiBuilderCustomizer perAccount() {
 *     return (account, builder) -&gt; {
 *         if (account.equals("sales")) {
 *             builder.pacingHeadroom(0.5);
 *         }
 *     };
 * }
 * </pre>
 */
@FunctionalInterface
public interface GreenApiBuilderCustomizer {

    /**
     * Changes one account's builder.
     *
     * @param account the account's name: {@code "default"} for {@code groupkit.greenapi.*},
     *     else the {@code <name>} of {@code groupkit.greenapi.accounts.<name>}
     * @param builder the builder, with the properties already applied
     */
    void customize(String account, GreenApi.Builder builder);
}
