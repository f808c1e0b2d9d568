package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.groupkit.core.Added;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void adds() {
        try (Fixture f = new Fixture()) {
            var r = f.client.add(f.basic, Fixture.person(100));
            System.out.println(r + " " + f.sim.calls());
            assertEquals(Added.class, r.getClass());
        }
    }
}
