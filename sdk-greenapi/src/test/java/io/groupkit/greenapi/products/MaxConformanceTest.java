package io.groupkit.greenapi.products;

import io.groupkit.greenapi.GreenApiProduct;

/** The SPI contract against a Max client on the simulator speaking Max. */
class MaxConformanceTest extends ProductConformance {
    @Override
    GreenApiProduct product() {
        return GreenApiProduct.MAX;
    }
}
