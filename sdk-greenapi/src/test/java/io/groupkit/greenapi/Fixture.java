package io.groupkit.greenapi;

import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Policies;
import io.groupkit.testkit.time.TestPolicies;
import io.groupkit.testkit.time.VirtualTime;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.util.function.UnaryOperator;

/** A simulator and a client over it, sharing virtual time; the token every test uses. */
final class Fixture implements AutoCloseable {
    static final String ID = "1101000001";
    static final String TOKEN = "t0kenSecretValue9f3a";
    static final String GROUP_ID = "120363043968066561@g.us";
    static final GroupRef GROUP = GroupRef.of(GROUP_ID);

    final VirtualTime time = VirtualTime.create();
    final GreenApiSimulator sim;
    final GreenApiSimulator.Instance instance;
    final GreenApiClient client;

    Fixture() {
        this(b -> b, p -> p);
    }

    Fixture(UnaryOperator<GreenApi.Builder> builder, UnaryOperator<Policies.Builder> policies) {
        sim = GreenApiSimulator.start(time);
        instance = sim.instance(ID, TOKEN).group(GROUP_ID, "79005550001@c.us");
        client = builder.apply(GreenApi.builder().apiUrl(sim.url()).instance(ID, TOKEN)
                .policies(policies.apply(policies(time)).build())).build();
    }

    static Policies.Builder policies(VirtualTime time) {
        return TestPolicies.onVirtualTime(time);
    }

    static Member.Phone person(int n) {
        return Member.phone(String.format("+7 900 %07d", n));
    }

    static String digits(int n) {
        return person(n).digits();
    }

    @Override
    public void close() {
        sim.close();
    }
}
