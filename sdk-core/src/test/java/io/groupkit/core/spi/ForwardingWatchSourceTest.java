package io.groupkit.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A method added to WatchSource later must be forwarded too, or a wrapper silently loses it. */
class ForwardingWatchSourceTest {
    @Test
    void everyMethodOfAWatchSourceIsForwarded() throws Exception {
        List<String> missing = Arrays.stream(WatchSource.class.getMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .filter(m -> !declaresOwn(m))
                .map(Method::getName).toList();
        assertEquals(List.of(), missing);
    }

    private static boolean declaresOwn(Method m) {
        try {
            return ForwardingWatchSource.class.getDeclaredMethod(m.getName(), m.getParameterTypes()) != null;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
