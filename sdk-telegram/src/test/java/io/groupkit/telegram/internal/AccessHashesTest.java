package io.groupkit.telegram.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The remembered access hashes stay under their cap, forgetting the least recently used first. */
class AccessHashesTest {

    @Test
    void pastTheCapTheLeastRecentlyUsedAreForgotten() {
        AccessHashes hashes = new AccessHashes(3);
        hashes.put(1, 11);
        hashes.putAll(Map.of(2L, 22L, 3L, 33L));
        assertEquals(OptionalLong.of(11), hashes.get(1), "used again: now the most recent");
        hashes.put(4, 44);
        assertEquals(3, hashes.size());
        assertTrue(hashes.get(1).isPresent() && hashes.get(4).isPresent());
        assertEquals(1, (hashes.get(2).isPresent() ? 1 : 0) + (hashes.get(3).isPresent() ? 1 : 0),
                "one of the two unused ones was forgotten");
        hashes.put(4, 45);
        assertEquals(OptionalLong.of(45), hashes.get(4), "a newer hash replaces the old");
    }
}
