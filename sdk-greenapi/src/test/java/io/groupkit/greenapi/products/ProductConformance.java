package io.groupkit.greenapi.products;

import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.greenapi.GreenApiProduct;
import io.groupkit.testkit.conformance.MembershipProviderContract;
import io.groupkit.testkit.conformance.ScriptedAccount;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import io.groupkit.testkit.time.VirtualTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The SPI contract against a client of one Green-API product, on the simulator speaking that
 * product, on virtual time. The simulator does not enforce rates here: the kit's concurrent checks
 * share one virtual clock, which a caller's pacing wait moves while another's paced request is
 * still on its way, so at one call per second two requests can land in one virtual second (see
 * PacingTest). {@link ProductRatesTest} proves each product's rates, one call at a time.
 */
abstract class ProductConformance extends MembershipProviderContract {
    private final VirtualTime time = VirtualTime.create();
    private final GreenApiSimulator sim = GreenApiSimulator.start(time, GreenApiSimulator.Rates.IGNORED);
    private final ProductFixture f = new ProductFixture(sim, time, product(), "7103000001");

    /**
     * The product under test.
     *
     * @return the product
     */
    abstract GreenApiProduct product();

    @AfterEach
    void stop() {
        sim.close();
    }

    @Override
    protected GroupMembership client() {
        return f.client;
    }

    @Override
    protected GroupRef group() {
        return f.group;
    }

    @Override
    protected Member freshMember(int n) {
        return ProductFixture.person(product(), 100 + n);
    }

    @Override
    protected GroupRef missingGroup() {
        return ProductFixture.missingGroup(product());
    }

    @Override
    protected List<String> secrets() {
        return List.of(ProductFixture.TOKEN);
    }

    @Override
    protected ScriptedAccount script() {
        return new io.groupkit.greenapi.SimulatorScript(f.instance, m -> ProductFixture.listedId(product(), m));
    }
}
