package io.groupkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.testkit.bitrix24.Bitrix24Simulator;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import io.groupkit.testkit.telegram.TelegramSimulator;
import io.groupkit.testkit.time.VirtualTime;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that is itself a module: {@code requires io.groupkit.greenapi} (and the other
 * two adapters) compiles, resolves Jackson, slf4j and sdk-mtproto through GroupKit's own
 * descriptors, and runs an add on each simulator in a separate JVM on the module path alone. An
 * application that reaches into an internal package does not compile.
 */
class ModularApplicationTest {
    /** GroupKit's published jars and what they require; nothing else goes on the module path. */
    private static final Pattern MODULE_PATH = Pattern.compile(
            ".*(/sdk-(core|http|greenapi|bitrix24|telegram|mtproto)(/target/classes|/target/sdk-[a-z0-9]+-[^/]*\\.jar|-[0-9][^/]*\\.jar)"
                    + "|/com/fasterxml/jackson/.*/jackson-(databind|core|annotations)-[^/]*\\.jar|/(slf4j-api|jspecify|libphonenumber)-[^/]*\\.jar)");

    private static String modulePath;

    @TempDir
    Path dir;

    @BeforeAll
    static void findTheJars() {
        List<String> entries = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> MODULE_PATH.matcher(e.replace(File.separatorChar, '/')).matches()).toList();
        // Six GroupKit modules, three Jackson jars, slf4j-api, jspecify and libphonenumber: a missing
        // one would make the test prove less than it says.
        assertEquals(12, entries.size(), () -> "module path: " + entries);
        modulePath = String.join(File.pathSeparator, entries);
    }

    @Test
    void anApplicationModuleRequiringTheAdaptersRunsOnTheModulePath() throws Exception {
        Path classes = compile("shop", """
                module shop {
                    requires io.groupkit.greenapi;
                    requires io.groupkit.bitrix24;
                    requires io.groupkit.telegram;
                }
                """, "shop/Main.java", """
                package shop;

                import io.groupkit.bitrix24.Bitrix24;
                import io.groupkit.bitrix24.ImChat;
                import io.groupkit.core.GroupMembership;
                import io.groupkit.core.GroupRef;
                import io.groupkit.core.Member;
                import io.groupkit.greenapi.GreenApi;
                import io.groupkit.telegram.Telegram;
                import io.groupkit.telegram.TelegramGroup;
                import io.groupkit.telegram.TelegramSession;

                public final class Main {
                    public static void main(String[] args) {
                        try (GroupMembership whatsapp = GreenApi.builder().apiUrl(args[0])
                                .instance(args[1], args[2]).build()) {
                            System.out.println("greenapi " + whatsapp.add(GroupRef.of(args[3]), Member.phone(args[4]))
                                    .getClass().getSimpleName());
                        }
                        try (GroupMembership portal = Bitrix24.webhook(args[5]).build()) {
                            System.out.println("bitrix24 " + portal.add(ImChat.of(Long.parseLong(args[6])),
                                    Member.userId(args[7])).getClass().getSimpleName());
                        }
                        try (GroupMembership telegram = Telegram.builder().apiId(1)
                                .session(TelegramSession.fromTelethon(args[8])).build()) {
                            System.out.println("telegram " + telegram.add(TelegramGroup.basic(Long.parseLong(args[9])),
                                    Member.username(args[10])).getClass().getSimpleName());
                        }
                    }
                }
                """);

        VirtualTime time = VirtualTime.create();
        try (GreenApiSimulator whatsapp = GreenApiSimulator.start(time);
             Bitrix24Simulator portal = Bitrix24Simulator.start(time);
             TelegramSimulator telegram = TelegramSimulator.start(time)) {
            whatsapp.instance("1101000001", "simulator-token").group("120363000000000101@g.us").contacts("79001234568");
            portal.users(1, 42).crmAccess(1).chat(501, 1);
            telegram.user(100_000, "alice", null).basicGroup(77);

            String out = run(classes, "shop/shop.Main", whatsapp.url(), "1101000001", "simulator-token",
                    "120363000000000101@g.us", "+7 900 123-45-68", portal.webhook(1, "simulator-code"), "501", "42",
                    telegram.sessionString(), "77", "alice");

            assertTrue(out.contains("greenapi Added"), out);
            assertTrue(out.contains("bitrix24 Added"), out);
            assertTrue(out.contains("telegram Added"), out);
            assertFalse(out.contains("NoClassDefFoundError"), out);
        }
    }

    /**
     * The fake provider and the simulators need no JUnit (only the conformance kit does): a module
     * that requires the testkit compiles and runs on a module path without JUnit.
     */
    @Test
    void anApplicationModuleUsesTheFakeProviderWithoutJUnit() throws Exception {
        String testkit = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.replace(File.separatorChar, '/').matches(".*/sdk-testkit(/target/classes|/target/sdk-testkit-[^/]*\\.jar|-[^/]*\\.jar)"))
                .findFirst().orElseThrow(() -> new AssertionError("sdk-testkit is not on the test class path"));
        assertFalse(modulePath.contains("junit"), modulePath);
        String withTestkit = modulePath + File.pathSeparator + testkit;
        String errors = compileErrors(withTestkit, "rehearsal", "module rehearsal { requires io.groupkit.testkit; }\n",
                "rehearsal/Main.java", """
                package rehearsal;

                import io.groupkit.core.GroupMembership;
                import io.groupkit.core.GroupRef;
                import io.groupkit.core.Member;
                import io.groupkit.testkit.fake.FakeProvider;

                public final class Main {
                    public static void main(String[] args) {
                        FakeProvider fake = FakeProvider.builder().build();
                        fake.group("team@g.us");
                        try (GroupMembership groups = GroupMembership.create(fake)) {
                            System.out.println("fake " + groups.add(GroupRef.of("team@g.us"), Member.phone("+7 900 123-45-68"))
                                    .getClass().getSimpleName());
                        }
                    }
                }
                """);
        assertEquals(null, errors, "requires io.groupkit.testkit without JUnit did not compile");
        String out = run(withTestkit, dir.resolve("classes"), "rehearsal/rehearsal.Main");
        assertTrue(out.contains("fake Added"), out);
    }

    @Test
    void anApplicationModuleCannotReadAnInternalPackage() throws IOException {
        String errors = compileErrors("nosy", """
                module nosy {
                    requires io.groupkit.greenapi;
                }
                """, "nosy/Nosy.java", """
                package nosy;

                public final class Nosy {
                    Object client = io.groupkit.core.internal.MembershipClient.class;
                    Object exchange = io.groupkit.http.internal.Exchange.class;
                }
                """);

        assertNotNull(errors, "reaching into io.groupkit.core.internal compiled");
        assertTrue(errors.contains("io.groupkit.core.internal"), errors);
        assertTrue(errors.contains("io.groupkit.http.internal"), errors);
        assertTrue(errors.contains("does not export") || errors.contains("not visible"), errors);
    }

    private Path compile(String module, String descriptor, String file, String source) throws IOException {
        String errors = compileErrors(module, descriptor, file, source);
        assertEquals(null, errors, "the application did not compile");
        return dir.resolve("classes");
    }

    /** Compiles one application module; null when it compiled, otherwise javac's messages. */
    private String compileErrors(String module, String descriptor, String file, String source) throws IOException {
        return compileErrors(modulePath, module, descriptor, file, source);
    }

    /** Compiles one application module against {@code path}; null when it compiled, otherwise javac's messages. */
    private String compileErrors(String path, String module, String descriptor, String file, String source)
            throws IOException {
        Path src = dir.resolve("src").resolve(module);
        Files.createDirectories(src.resolve(file).getParent());
        Files.writeString(src.resolve("module-info.java"), descriptor);
        Files.writeString(src.resolve(file), source);
        Path classes = dir.resolve("classes").resolve(module);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream messages = new ByteArrayOutputStream();
        int status = javac.run(null, messages, messages, "--release", "17", "--module-path", path,
                "-d", classes.toString(), src.resolve("module-info.java").toString(), src.resolve(file).toString());
        return status == 0 ? null : messages.toString(StandardCharsets.UTF_8);
    }

    private String run(Path classes, String main, String... args) throws Exception {
        return run(modulePath, classes, main, args);
    }

    private String run(String path, Path classes, String main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", classes + File.pathSeparator + path, "-m", main));
        command.addAll(List.of(args));
        Path output = dir.resolve("output.txt");
        Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        // A child that hangs must fail the test, not the build: it gets a minute, then is killed.
        if (!app.waitFor(60, TimeUnit.SECONDS)) {
            app.destroyForcibly();
            throw new AssertionError("the application did not finish in 60 s: " + Files.readString(output));
        }
        String out = Files.readString(output);
        assertEquals(0, app.exitValue(), () -> out);
        return out;
    }
}
