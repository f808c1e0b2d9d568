package io.groupkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void masksPhonesKeepingTheEnds() {
        assertEquals("79*******68", Redaction.maskPhone("79001234568"));
        assertEquals("****", Redaction.maskPhone("1234"));
    }

    @Test
    void masksLongDigitRunsOnly() {
        assertEquals("participant 79*******68@c.us not found, code 400",
                Redaction.maskDigitRuns("participant 79001234568@c.us not found, code 400"));
        assertEquals("12*****66-15******48@g.us", Redaction.maskDigitRuns("120363066-1581234048@g.us"));
        assertEquals("123456", Redaction.maskDigitRuns("123456"));
    }

    @Test
    void removesSecrets() {
        assertEquals("https://host/waInstance1/add/***", Redaction.removeSecrets("https://host/waInstance1/add/tok3n", "tok3n", null, ""));
    }

    @Test
    void providerDetailIsRedactedAndClipped() {
        ProviderDetail d = ProviderDetail.of("green-api", "addParticipant:false").withStatus(200)
                .withDescription("cannot add 79001234568 " + "x".repeat(600));
        assertEquals(ProviderDetail.MAX_DESCRIPTION, d.description().length());
        assertEquals("cannot add 79*******68 xxx", d.description().substring(0, 26));
        org.junit.jupiter.api.Assertions.assertTrue(d.toString().startsWith("green-api addParticipant:false (200): cannot add 79*******68 "), d.toString());
    }
}
