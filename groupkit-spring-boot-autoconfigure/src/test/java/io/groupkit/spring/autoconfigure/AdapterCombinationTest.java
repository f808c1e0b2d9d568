package io.groupkit.spring.autoconfigure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.groupkit.testkit.bitrix24.Bitrix24Simulator;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An application with any combination of the adapters, started with the others really absent.
 *
 * <p>{@code FilteredClassLoader} cannot catch the class of mistake this guards against: it hides
 * classes from the conditions, but the auto-configuration classes themselves are already loaded by
 * the test's class loader, where every adapter is present — so a method of an outer configuration
 * class that names an adapter type passes there and fails a real application. Here each
 * application runs in a class loader built from the test class path without the missing jars
 * (parent: the platform loader), as a user's application would.
 */
class AdapterCombinationTest {
    private static final String TOKEN = "t0kenSecretValue9f3a";
    private static final String CODE = "wh00kSecretCode7q";
    private static final String BOT_TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1";
    private static final List<String> ADAPTERS = List.of("sdk-greenapi", "sdk-bitrix24", "sdk-telegram");

    private static GreenApiSimulator whatsapp;
    private static Bitrix24Simulator portal;
    private static TelegramSimulator telegram;

    @BeforeAll
    static void servers() {
        whatsapp = GreenApiSimulator.start();
        whatsapp.instance("1101000001", TOKEN);
        portal = Bitrix24Simulator.start(io.groupkit.core.time.TimeSource.system());
        portal.users(1).chat(501, 1);
        telegram = TelegramSimulator.start();
    }

    @AfterAll
    static void stop() throws Exception {
        whatsapp.close();
        portal.close();
        telegram.close();
    }

    /** Every subset of the three adapters, the metrics and fleet modules absent and present. */
    static List<Object[]> combinations() {
        List<Object[]> all = new ArrayList<>();
        for (int mask = 0; mask < 8; mask++) {
            Set<String> present = new TreeSet<>();
            for (int i = 0; i < 3; i++) {
                if ((mask & (1 << i)) != 0) {
                    present.add(ADAPTERS.get(i));
                }
            }
            all.add(new Object[] {present, false});
            if (present.size() == 1) {
                all.add(new Object[] {present, true});
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0}, micrometer and fleet: {1}")
    @MethodSource("combinations")
    void startsWithOnlyTheseAdapters(Set<String> present, boolean extras) throws Exception {
        Set<String> absent = new TreeSet<>(ADAPTERS);
        absent.removeAll(present);
        absent.add("sdk-testkit"); // the simulators stay outside: an application does not ship them
        absent.add("sdk-telegram-bot"); // its own cases below
        if (!extras) {
            absent.add("sdk-micrometer");
            absent.add("sdk-fleet");
        }
        // Every adapter's properties are set: those of an absent adapter must be ignored, not fail the start.
        String[] properties = {
            "groupkit.greenapi.api-url=" + whatsapp.url(), "groupkit.greenapi.instance-id=1101000001",
            "groupkit.greenapi.token=" + TOKEN,
            "groupkit.bitrix24.webhook=" + portal.webhook(1, CODE),
            "groupkit.telegram.session=" + telegram.sessionString(), "groupkit.telegram.api-id=1",
            "groupkit.telegram-bot.token=" + BOT_TOKEN, "groupkit.telegram-bot.api-url=http://127.0.0.1:9"};
        Set<String> expected = new TreeSet<>();
        if (extras) {
            expected.add("groupKitMetrics"); // Boot's simple registry is there: the metrics are the listener
        }
        if (present.contains("sdk-greenapi")) {
            expected.add("greenApiClient");
            expected.add("greenapiHealthIndicator=UP");
        }
        if (present.contains("sdk-bitrix24")) {
            expected.add("bitrix24Client");
            expected.add("bitrix24HealthIndicator=UP");
        }
        if (present.contains("sdk-telegram")) {
            expected.add("telegramClient");
            expected.add("telegramHealthIndicator=UP");
        }
        assertEquals(String.join(",", expected), runWithout(absent, properties));
    }

    /**
     * Named accounts of every provider, with one adapter present: its accounts' clients and health,
     * and the others' properties ignored. Their registrars and customizers name adapter types, so
     * only that adapter's nested configuration may refer to them.
     */
    @ParameterizedTest(name = "named accounts, only {0}")
    @ValueSource(strings = {"sdk-greenapi", "sdk-bitrix24", "sdk-telegram"})
    void namedAccountsStartWithOnlyThisAdapter(String adapter) throws Exception {
        Set<String> absent = new TreeSet<>(ADAPTERS);
        absent.remove(adapter);
        absent.addAll(List.of("sdk-testkit", "sdk-micrometer", "sdk-fleet", "sdk-telegram-bot"));
        String[] properties = {
            "groupkit.greenapi.accounts.sales.api-url=" + whatsapp.url(),
            "groupkit.greenapi.accounts.sales.instance-id=1101000001", "groupkit.greenapi.accounts.sales.token=" + TOKEN,
            "groupkit.bitrix24.accounts.portal.webhook=" + portal.webhook(1, CODE),
            "groupkit.telegram.accounts.ops.session=" + telegram.sessionString(), "groupkit.telegram.accounts.ops.api-id=1"};
        String expected = switch (adapter) {
            case "sdk-greenapi" -> "greenapiHealthContributor/sales=UP,salesGreenApiClient";
            case "sdk-bitrix24" -> "bitrix24HealthContributor/portal=UP,portalBitrix24Client";
            default -> "opsTelegramClient,telegramHealthContributor/ops=UP";
        };
        assertEquals(expected, runWithout(absent, properties));
    }

    /**
     * Only the bot adapter (no other adapter, metrics or fleet): its single and named clients, the
     * other adapters' properties ignored (the cases above ignore the bot's properties).
     * Building a bot client sends nothing, so no server is needed.
     */
    @org.junit.jupiter.api.Test
    void startsWithOnlyTheBotAdapter() throws Exception {
        Set<String> absent = new TreeSet<>(ADAPTERS);
        absent.addAll(List.of("sdk-testkit", "sdk-micrometer", "sdk-fleet"));
        String[] properties = {
            "groupkit.greenapi.api-url=" + whatsapp.url(), "groupkit.greenapi.instance-id=1101000001",
            "groupkit.greenapi.token=" + TOKEN,
            "groupkit.telegram.session=" + telegram.sessionString(), "groupkit.telegram.api-id=1",
            "groupkit.telegram-bot.token=" + BOT_TOKEN, "groupkit.telegram-bot.api-url=http://127.0.0.1:9",
            "groupkit.telegram-bot.accounts.support.token=" + BOT_TOKEN,
            "groupkit.telegram-bot.accounts.support.api-url=http://127.0.0.1:9"};
        assertEquals("supportTelegramBotClient,telegramBotClient", runWithout(absent, properties));
    }

    private static String runWithout(Set<String> absent, String[] properties) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(classPathWithout(absent), ClassLoader.getPlatformClassLoader())) {
            Thread self = Thread.currentThread();
            ClassLoader before = self.getContextClassLoader();
            self.setContextClassLoader(loader);
            try {
                return (String) loader.loadClass(IsolatedApplication.class.getName())
                        .getMethod("run", String[].class).invoke(null, (Object) properties);
            } catch (InvocationTargetException e) {
                throw new AssertionError("the application failed to start without " + absent + ": " + rootOf(e), e);
            } finally {
                self.setContextClassLoader(before);
            }
        }
    }

    private static String rootOf(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.toString();
    }

    /** The test class path, whether Surefire hands it over directly or in a manifest-only jar. */
    private static URL[] classPathWithout(Set<String> absent) throws MalformedURLException {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isBlank() || absent.stream().anyMatch(module -> isModule(entry, module))) {
                continue;
            }
            urls.add(new File(entry).toURI().toURL());
        }
        return urls.toArray(URL[]::new);
    }

    /** A reactor build hands a module as {@code <module>/target/classes}, an installed one as its jar. */
    private static boolean isModule(String entry, String module) {
        String unix = entry.replace(File.separatorChar, '/');
        return unix.contains("/" + module + "/target/") || unix.matches(".*/" + module + "-\\d[^/]*\\.jar");
    }
}
