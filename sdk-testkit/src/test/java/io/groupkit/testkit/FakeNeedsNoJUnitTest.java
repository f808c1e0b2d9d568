package io.groupkit.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.testkit.fake.FakeProvider;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Users' tests may use any framework: the fake's classes must not refer to JUnit at all. */
class FakeNeedsNoJUnitTest {

    @Test
    void noFakeClassRefersToJUnit() throws IOException, URISyntaxException {
        Path classes = Path.of(FakeProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path fake = classes.resolve("io/groupkit/testkit/fake");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(fake)) {
            files = walk.filter(p -> p.toString().endsWith(".class")).toList();
        }
        assertTrue(files.size() >= 5, "found the fake's classes: " + files);
        for (Path file : files) {
            // Class references sit in the constant pool as plain UTF-8 names.
            String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertFalse(bytes.contains("org/junit"), file + " refers to JUnit");
            assertFalse(bytes.contains("org/opentest4j"), file + " refers to opentest4j");
        }
    }
}
