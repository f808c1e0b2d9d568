package io.groupkit.greenapi.products;

import io.groupkit.greenapi.GreenApiProduct;

/** The SPI contract against a Instagram client on the simulator speaking Instagram. */
class InstagramConformanceTest extends ProductConformance {
    @Override
    GreenApiProduct product() {
        return GreenApiProduct.INSTAGRAM;
    }
}
