package io.groupkit.greenapi.products;

import io.groupkit.greenapi.GreenApiProduct;

/** The SPI contract against a Telegram client on the simulator speaking Telegram. */
class TelegramConformanceTest extends ProductConformance {
    @Override
    GreenApiProduct product() {
        return GreenApiProduct.TELEGRAM;
    }
}
