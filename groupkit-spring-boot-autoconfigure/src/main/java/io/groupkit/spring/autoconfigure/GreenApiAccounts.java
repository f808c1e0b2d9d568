package io.groupkit.spring.autoconfigure;

import io.groupkit.core.Policies;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.greenapi.GreenApiProduct;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.core.env.Environment;

/**
 * Green-API clients from the properties: the single account's and the named ones'. Only the
 * Green-API configurations refer to this class, so it is loaded only when {@code sdk-greenapi} is
 * there.
 */
final class GreenApiAccounts {
    private GreenApiAccounts() {
    }

    /**
     * Builds one account's client.
     *
     * @param where the account's properties prefix, for the start-up message
     * @param account the account's name, for the customizers
     * @param p its properties
     * @param policies the shared policies
     * @param customizers the application's customizers, in order
     * @return the client
     * @throws IllegalStateException naming the missing keys
     */
    static GreenApiClient client(String where, String account, GroupKitProperties.GreenApiAccount p, Policies policies,
                                 Stream<GreenApiBuilderCustomizer> customizers) {
        check(where, p);
        GreenApi.Builder b = GreenApi.builder().apiUrl(NamedAccounts.checked(p.getApiUrl(), "api-url"))
                .instance(NamedAccounts.checked(p.getInstanceId(), "instance-id"), NamedAccounts.checked(p.getToken(), "token"))
                .product(product(where, p)).pacingHeadroom(p.getPacingHeadroom()).policies(policies);
        String prefix = p.getPathPrefix();
        if (prefix != null) {
            try {
                b.pathPrefix(prefix);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(where + ".path-prefix: " + e.getMessage(), e);
            }
        }
        if (p.getSaveContactAndRetry() != null && !p.getSaveContactAndRetry().isBlank()) {
            b.saveContactAndRetry(p.getSaveContactAndRetry());
        }
        customizers.forEach(c -> c.customize(account, b));
        return b.build();
    }

    static void check(String where, GroupKitProperties.GreenApiAccount p) {
        Map<String, @Nullable String> keys = new LinkedHashMap<>();
        keys.put("api-url", p.getApiUrl());
        keys.put("token", p.getToken());
        keys.put("instance-id", p.getInstanceId());
        String missing = NamedAccounts.missing(where, keys);
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        product(where, p);
    }

    /** The account's product, WhatsApp when none is set; a name no product has stops the start. */
    static GreenApiProduct product(String where, GroupKitProperties.GreenApiAccount p) {
        String name = p.getProduct();
        if (name == null || name.isBlank()) {
            return GreenApiProduct.WHATSAPP;
        }
        try {
            return GreenApiProduct.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ".product: " + e.getMessage(), e);
        }
    }

    /** One client bean per {@code groupkit.greenapi.accounts.<name>}. */
    static final class Registrar extends AccountsRegistrar<GroupKitProperties.GreenApiAccount> {
        Registrar(Environment env, BeanFactory beans) {
            super(env, beans, "greenapi", GroupKitProperties.GreenApiAccount.class);
        }

        @Override
        void register(BeanDefinitionRegistry registry, String name, String where, GroupKitProperties.GreenApiAccount p) {
            check(where, p);
            NamedAccounts.register(registry, name, GreenApiClient.class, () -> client(where, name, p,
                    beans.getBean(Policies.class), beans.getBeanProvider(GreenApiBuilderCustomizer.class).orderedStream()),
                    NamedAccounts.OnShutdown.NOTHING);
        }
    }
}
