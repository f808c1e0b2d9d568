package io.groupkit.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.time.TimeSource;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twenty groups on a Green-API simulator and 500 scripted changes to them (25 a group: 15 people
 * join, 6 of the first members leave, 4 others are made admins), in a random order; and the
 * tally of what {@link WatchMember}s logged. Every change touches a person no other change
 * touches, so each is seen by a listing whenever it comes, and makes exactly one event.
 */
final class WatchScenario implements AutoCloseable {
    static final String INSTANCE = "1101000091";
    static final String TOKEN = "watch-token-7e21";
    static final int GROUPS = 20;
    private static final int FIRST_MEMBERS = 15;
    private static final int JOINS = 15;
    private static final int LEAVES = 6;
    private static final int PROMOTIONS = 4;
    private static final Pattern LINE = Pattern.compile("([0-9a-f]{32}) (JOINED|LEFT|PROMOTED|DEMOTED|REMOVED) (\\S+) (\\S+)");

    final GreenApiSimulator sim;
    final GreenApiSimulator.Instance phone;
    final List<String> groups = new ArrayList<>();
    final List<Change> changes = new ArrayList<>();

    /** One scripted change: what the watch should report, and how the simulator makes it. */
    record Change(String kind, String group, String chatId) {
        void apply(GreenApiSimulator.Instance phone) {
            switch (kind) {
                case "JOINED" -> phone.joins(group, chatId);
                case "LEFT" -> phone.leaves(group, chatId);
                case "PROMOTED" -> phone.admin(group, chatId, true);
                default -> throw new IllegalStateException(kind);
            }
        }

        String key() {
            return kind + " " + group + " " + chatId;
        }
    }

    WatchScenario(Random random) {
        sim = GreenApiSimulator.start(TimeSource.system(), GreenApiSimulator.Rates.IGNORED);
        phone = sim.instance(INSTANCE, TOKEN);
        for (int g = 0; g < GROUPS; g++) {
            String group = String.format("1203630000%08d@g.us", g);
            groups.add(group);
            String[] members = new String[FIRST_MEMBERS];
            for (int m = 0; m < FIRST_MEMBERS; m++) {
                members[m] = person(g, m);
            }
            phone.group(group, members);
            for (int j = 0; j < JOINS; j++) {
                changes.add(new Change("JOINED", group, person(g, 100 + j)));
            }
            for (int l = 0; l < LEAVES; l++) {
                changes.add(new Change("LEFT", group, person(g, l)));
            }
            for (int p = 0; p < PROMOTIONS; p++) {
                changes.add(new Change("PROMOTED", group, person(g, LEAVES + p)));
            }
        }
        Collections.shuffle(changes, random);
    }

    private static String person(int group, int n) {
        return String.format("7910%02d%05d@c.us", group, n);
    }

    String groupList() {
        return String.join(",", groups);
    }

    int listings() {
        return sim.requests("getGroupData").size();
    }

    /** The listings of one group, as the simulator's clock read when each arrived. */
    List<Long> listingsOf(String group) {
        List<Long> at = new ArrayList<>();
        for (GreenApiSimulator.Request r : sim.requests("getGroupData")) {
            if (r.body().contains(group)) {
                at.add(r.atNanos());
            }
        }
        return at;
    }

    /** What the watchers logged, every line of every log. */
    static final class Tally {
        final Map<String, Set<String>> idsByChange = new TreeMap<>();
        final Set<String> distinctIds = new HashSet<>();
        int lines;

        int redeliveries() {
            return lines - distinctIds.size();
        }
    }

    Tally tally(List<Path> logs) throws IOException {
        Tally t = new Tally();
        for (Path log : logs) {
            if (!Files.exists(log)) {
                continue;
            }
            String text = Files.readString(log, StandardCharsets.UTF_8);
            // A live watcher may be writing its next line as this reads: only whole lines are counted.
            text = text.substring(0, text.lastIndexOf('\n') + 1);
            for (String line : text.split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                Matcher m = LINE.matcher(line);
                assertTrue(m.matches(), "a whole line, each forced to the disk before the next: " + line);
                t.lines++;
                t.distinctIds.add(m.group(1));
                t.idsByChange.computeIfAbsent(m.group(2) + " " + m.group(3) + " " + m.group(4), k -> new HashSet<>())
                        .add(m.group(1));
            }
        }
        return t;
    }

    boolean allDelivered(List<Path> logs) throws IOException {
        Tally t = tally(logs);
        for (Change c : changes) {
            if (!t.idsByChange.containsKey(c.key())) {
                return false;
            }
        }
        return true;
    }

    /** Every scripted change delivered under one id, and nothing else delivered. */
    void assertEachChangeOnce(Tally t, String context) {
        Map<String, Integer> expected = new HashMap<>();
        changes.forEach(c -> expected.put(c.key(), 1));
        List<String> wrong = new ArrayList<>();
        for (Change c : changes) {
            Set<String> ids = t.idsByChange.get(c.key());
            if (ids == null || ids.size() != 1) {
                wrong.add(c.key() + " -> " + (ids == null ? "never" : ids.size() + " ids"));
            }
        }
        for (String key : t.idsByChange.keySet()) {
            if (!expected.containsKey(key)) {
                wrong.add("not scripted: " + key);
            }
        }
        assertEquals(List.of(), wrong, context);
        assertEquals(changes.size(), t.distinctIds.size(), context);
    }

    /** Waits for a condition another process makes true, failing after {@code seconds}. */
    static void await(BooleanSupplier condition, int seconds, Supplier<String> why) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(why.get());
            }
            Thread.sleep(2); // another JVM: nothing to wait on but its output
        }
    }

    @Override
    public void close() {
        sim.close();
    }
}
