package io.groupkit.greenapi.products;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.greenapi.GreenApiProduct;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import io.groupkit.testkit.time.TestPolicies;
import io.groupkit.testkit.time.VirtualTime;

/** One product's instance on a simulator (its own, or a shared one) and a client of that product over it. */
final class ProductFixture {
    static final String TOKEN = "pr0ductT0kenSecret7c1d";

    final GreenApiProduct product;
    final GreenApiSimulator.Instance instance;
    final GreenApiClient client;
    final GroupRef group;

    ProductFixture(GreenApiSimulator sim, VirtualTime time, GreenApiProduct product, String instanceId) {
        this.product = product;
        this.group = GroupRef.of(groupId(product));
        this.instance = sim.instance(instanceId, TOKEN, simProduct(product)).group(group.key());
        this.client = GreenApi.builder().product(product).apiUrl(sim.url()).instance(instanceId, TOKEN)
                .policies(TestPolicies.onVirtualTime(time).build()).build();
    }

    static GreenApiSimulator.Product simProduct(GreenApiProduct product) {
        return GreenApiSimulator.Product.valueOf(product.name());
    }

    static String groupId(GreenApiProduct product) {
        return switch (product) {
            case WHATSAPP -> "120363043968066561@g.us";
            case MAX -> "-1001234567890";
            case TELEGRAM -> "-1009876543210";
            case INSTAGRAM -> "340282366841710300949128174631143137232";
        };
    }

    static GroupRef missingGroup(GreenApiProduct product) {
        return GroupRef.of(switch (product) {
            case WHATSAPP -> "120363999999999999@g.us";
            case MAX, TELEGRAM -> "-1000000000999";
            case INSTAGRAM -> "340282366841710300949128174631143130999";
        });
    }

    /** The n-th person as the product's group methods take them without a look-up. */
    static Member person(GreenApiProduct product, int n) {
        return switch (product) {
            case WHATSAPP -> Member.phone(String.format("+7 900 %07d", n));
            case MAX -> Member.userId(String.valueOf(20_000_000L + n));
            case TELEGRAM -> Member.userId(String.valueOf(30_000_000L + n));
            case INSTAGRAM -> Member.userId(String.valueOf(49_547_000_000L + n));
        };
    }

    /** How the simulator's listings name a person. */
    static String listedId(GreenApiProduct product, Member member) {
        return member instanceof Member.Phone p && product == GreenApiProduct.WHATSAPP ? p.digits() + "@c.us" : member.value();
    }
}
