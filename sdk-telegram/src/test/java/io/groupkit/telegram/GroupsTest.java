package io.groupkit.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.groupkit.core.GroupInfo;
import io.groupkit.core.Groups;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.Unrecognized;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The account's groups from messages.getDialogs: the main list and the archive, page by page. */
class GroupsTest {

    private static Map<String, GroupInfo> byKey(Groups g) {
        return g.groups().stream().collect(Collectors.toMap(i -> i.group().key(), i -> i));
    }

    private static long calls(Fixture f) {
        return f.sim.calls().stream().filter("messages.getDialogs"::equals).count();
    }

    @Test
    void groupsAreListedWithTitleSizeAndRightAndNothingElseIs() {
        try (Fixture f = new Fixture()) {
            f.sim.title(Fixture.CHAT, "Basic team").title(Fixture.CHANNEL, "Big team")
                    .supergroup(7002, 101, 102).notAdmin(7002).title(7002, "Someone else's")
                    .broadcastChannel(7003).privateChat(101).privateChat(102)
                    .basicGroup(5002).archive(5002).title(5002, "Archived");
            f.client.leave(TelegramGroup.basic(Fixture.CHAT));
            f.sim.basicGroup(5003, 101).title(5003, "Fresh");
            Groups all = assertInstanceOf(Groups.class, f.client.groups());
            Map<String, GroupInfo> groups = byKey(all);
            assertEquals(Set.of("channel7001", "channel7002", "chat5002", "chat5003"), groups.keySet(),
                    "no channel, no private chat, not the group the account left");
            assertEquals("Big team", groups.get("channel7001").title());
            assertEquals(TelegramGroup.supergroup(7001, f.sim.channelAccessHash(7001)), groups.get("channel7001").group(),
                    "a supergroup comes with the access hash the other calls need");
            assertEquals(OptionalInt.of(3), groups.get("channel7002").memberCount());
            assertEquals(GroupInfo.AddRight.YES, groups.get("channel7001").addRight(), "its creator");
            assertEquals(GroupInfo.AddRight.NO, groups.get("channel7002").addRight(), "inviting is banned for members");
            assertEquals(OptionalInt.of(2), groups.get("chat5003").memberCount());
            assertEquals("Archived", groups.get("chat5002").title());
            assertEquals("chat5002", all.groups().get(all.groups().size() - 1).group().key(), "the archive comes last");
        }
    }

    @Test
    void aListedGroupTakesAnAdd() {
        try (Fixture f = new Fixture()) {
            Groups all = assertInstanceOf(Groups.class, f.client.groups());
            GroupInfo supergroup = byKey(all).get("channel" + Fixture.CHANNEL);
            assertInstanceOf(io.groupkit.core.Added.class, f.client.add(supergroup.group(), Fixture.person(120)));
        }
    }

    @Test
    void hundredsOfGroupsComePageByPage() {
        try (Fixture f = new Fixture()) {
            for (int i = 0; i < 248; i++) {
                if (i % 2 == 0) {
                    f.sim.basicGroup(20_000 + i);
                } else {
                    f.sim.supergroup(30_000 + i);
                }
            }
            f.sim.privateChat(101).privateChat(102);
            List<String> walked = new java.util.ArrayList<>();
            GroupsPage page = GroupsPage.first().limit(100);
            int pages = 0;
            while (true) {
                Groups one = assertInstanceOf(Groups.class, f.client.groups(page));
                assertTrue(one.groups().size() <= 100);
                one.groups().forEach(g -> walked.add(g.group().key()));
                pages++;
                if (one.next().isEmpty()) {
                    break;
                }
                page = GroupsPage.after(one.next().get()).limit(100);
            }
            assertEquals(250, walked.size(), "248 and the fixture's two");
            assertEquals(250, Set.copyOf(walked).size(), "each once");
            assertEquals(3, pages);
            assertTrue(calls(f) <= 6, () -> "dialog calls: " + calls(f));
        }
    }

    /** Pinned dialogs are out of date order: an offset taken from one would skip every newer dialog. */
    @Test
    void pinnedGroupsComeFirstAndNoNewerGroupIsSkippedWhateverThePageSize() {
        try (Fixture f = new Fixture()) {
            f.sim.basicGroup(5002).basicGroup(5003).supergroup(7002).basicGroup(5004).basicGroup(5005).archive(5005)
                    .basicGroup(5006).archive(5006).pin(Fixture.CHAT).pin(5002).pin(5006).privateChat(101);
            Set<String> every = Set.of("chat5001", "channel7001", "chat5002", "chat5003", "channel7002", "chat5004",
                    "chat5005", "chat5006");
            for (int limit : new int[] {1, 2, 3, 100}) {
                List<String> walked = new java.util.ArrayList<>();
                GroupsPage page = GroupsPage.first().limit(limit);
                for (int pages = 0; pages < 20; pages++) {
                    Groups one = assertInstanceOf(Groups.class, f.client.groups(page));
                    assertTrue(one.groups().size() <= limit);
                    one.groups().forEach(g -> walked.add(g.group().key()));
                    if (one.next().isEmpty()) {
                        break;
                    }
                    page = GroupsPage.after(one.next().get()).limit(limit);
                }
                assertEquals(every, Set.copyOf(walked), "pages of " + limit);
                assertEquals(every.size(), walked.size(), "each once, pages of " + limit);
                assertEquals(List.of("chat5001", "chat5002"), walked.subList(0, 2), "the main list's pinned first");
                assertEquals("chat5006", walked.get(6), "then the archive's pinned");
            }
        }
    }

    @Test
    void anAccountInNoGroupListsNone() {
        try (Fixture f = new Fixture()) {
            f.client.leave(f.basic);
            f.client.leave(f.supergroup);
            f.sim.privateChat(101).broadcastChannel(7009);
            Groups none = assertInstanceOf(Groups.class, f.client.groups(GroupsPage.first()));
            assertTrue(none.groups().isEmpty());
            assertTrue(none.next().isEmpty());
        }
    }

    @Test
    void aGroupIdNoReferenceTakesIsAnUnreadableAnswerNotACrash() {
        try (Fixture f = new Fixture()) {
            f.sim.supergroup(2_000_000_000_000L);
            Unrecognized u = assertInstanceOf(Unrecognized.class, f.client.groups(GroupsPage.first()));
            assertTrue(u.detail().description().contains("layer 228"), u.detail().description());
        }
    }

    @Test
    void aForeignCursorIsTheCallersBugAndNothingIsSent() {
        try (Fixture f = new Fixture()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> f.client.groups(GroupsPage.after("250")));
            assertTrue(e.getMessage().contains("Telegram"), e.getMessage());
            assertEquals(0, calls(f));
        }
    }

    @Test
    void aGzippedAnswerReadsTheSameAndAnUnknownErrorIsUnrecognized() {
        try (Fixture f = new Fixture()) {
            f.sim.fault(new io.groupkit.testkit.telegram.ServerFault.GzipAnswer());
            assertInstanceOf(Groups.class, f.client.groups(GroupsPage.first()), "a gzip-packed answer reads the same");
            // An answer the table cannot read is Unrecognized, never a partial list.
            f.sim.fault(new io.groupkit.testkit.telegram.ServerFault.RpcError(400, "SOMETHING_NEW"));
            assertInstanceOf(Unrecognized.class, f.client.groups(GroupsPage.first()));
        }
    }
}
