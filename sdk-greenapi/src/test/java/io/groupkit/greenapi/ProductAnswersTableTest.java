package io.groupkit.greenapi;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.groupkit.greenapi.GreenApiProduct.INSTAGRAM;
import static io.groupkit.greenapi.GreenApiProduct.MAX;
import static io.groupkit.greenapi.GreenApiProduct.TELEGRAM;
import static io.groupkit.greenapi.ProductWire.group;
import static io.groupkit.greenapi.ProductWire.groupId;
import static io.groupkit.greenapi.ProductWire.link;
import static io.groupkit.greenapi.ProductWire.ownId;
import static io.groupkit.greenapi.ProductWire.person;
import static io.groupkit.greenapi.ProductWire.personId;
import static io.groupkit.greenapi.ProductWire.prefix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.groupkit.core.AccessDenied;
import io.groupkit.core.AccountState;
import io.groupkit.core.AccountStatus;
import io.groupkit.core.Added;
import io.groupkit.core.AlreadyMember;
import io.groupkit.core.Done;
import io.groupkit.core.GroupCreated;
import io.groupkit.core.GroupMember;
import io.groupkit.core.Groups;
import io.groupkit.core.GroupsPage;
import io.groupkit.core.InviteLink;
import io.groupkit.core.Member;
import io.groupkit.core.MemberRole;
import io.groupkit.core.MemberBanned;
import io.groupkit.core.Members;
import io.groupkit.core.NotAdded;
import io.groupkit.core.NotFound;
import io.groupkit.core.NotMember;
import io.groupkit.core.NotRegistered;
import io.groupkit.core.Outcome;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.core.QuotaExceeded;
import io.groupkit.core.RateLimited;
import io.groupkit.core.Removed;
import io.groupkit.core.SpamLimited;
import io.groupkit.core.TooManyGroups;
import io.groupkit.core.Unauthorized;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.Unsupported;
import io.groupkit.core.policy.Prechecks;
import io.groupkit.testkit.time.VirtualTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every documented answer of MAX's, Telegram's and Instagram's group methods, one row each, becomes
 * the right typed outcome. Facts: the facts sheet on Green-API's products (§1, §3.1–3.11, §6) and
 * the gap check that followed it; each row names the page its answer is documented on. Rows marked
 * "⚠ safe reading" stand where the documents leave the fact open: they test the reading that
 * neither claims a success nor loses the provider's text.
 */
@Order(2)
class ProductAnswersTableTest {
    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();
    private static final ProductWire W = new ProductWire(wm);

    /**
     * One documented answer.
     *
     * @param product the product
     * @param what the answer and the outcome it must give
     * @param doc the page the answer is documented on
     * @param prechecks whether the instance's state is checked before an add
     * @param stubs what the server answers
     * @param call the client's call
     * @param expect what the outcome must be
     */
    record Row(GreenApiProduct product, String what, String doc, boolean prechecks, Consumer<GreenApiProduct> stubs,
               Function<GreenApiClient, Object> call, Consumer<Object> expect) {
        @Override
        public String toString() {
            return product + ": " + what;
        }
    }

    private final VirtualTime time = VirtualTime.create();

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void documentedAnswerBecomesTheRightOutcome(Row row) {
        row.stubs().accept(row.product());
        GreenApiClient client = W.client(row.product(), time, p -> row.prechecks() ? p : p.prechecks(Prechecks.OFF));
        Object outcome = row.call().apply(client);
        try {
            row.expect().accept(outcome);
        } catch (AssertionError e) {
            throw new AssertionError(row + " (documented at " + row.doc() + "): " + e.getMessage(), e);
        }
        // Whatever was sent went under the product's path and named the group by chatId.
        W.served().forEach(e -> {
            String url = e.getRequest().getUrl();
            assertTrue(url.startsWith(prefix(row.product()) + "/waInstance" + Fixture.ID + "/"), url);
            assertFalse(e.getRequest().getBodyAsString().contains("\"groupId\""), e.getRequest().getBodyAsString());
        });
    }

    @Test
    void everyRowNamesItsPageOnce() {
        List<Row> all = rows().toList();
        all.forEach(r -> assertTrue(r.doc().startsWith("https://"), r::toString));
        assertEquals(all.size(), all.stream().map(Row::toString).distinct().count(), "row names are unique");
    }

    // ---- expectations ----

    private static <T> Consumer<Object> is(Class<T> type, Consumer<T> more) {
        return o -> more.accept(assertInstanceOf(type, o, () -> "got " + o));
    }

    private static Consumer<Object> is(Class<?> type) {
        return o -> assertInstanceOf(type, o, () -> "got " + o);
    }

    private static Consumer<Object> notFound(NotFound.Subject subject) {
        return is(NotFound.class, n -> assertEquals(subject, n.subject(), n::toString));
    }

    private static Consumer<Object> remedySays(Class<?> type, String words) {
        return is(type, o -> {
            String remedy = ((Outcome) o).remedy();
            assertTrue(remedy.toLowerCase(Locale.ROOT).contains(words.toLowerCase(Locale.ROOT)), remedy);
        });
    }

    private static Consumer<Object> keeps(Class<?> type, String raw) {
        return is(type, o -> assertTrue(((Outcome) o).detail().description().contains(raw)
                || ((Outcome) o).detail().code().contains(raw), () -> raw + " lost from " + o));
    }

    private static Consumer<Object> and(Consumer<Object> first, Runnable wire) {
        return o -> {
            first.accept(o);
            wire.run();
        };
    }

    private static Consumer<GreenApiProduct> none() {
        return p -> { };
    }

    private static Row row(GreenApiProduct p, String what, String doc, Consumer<GreenApiProduct> stubs,
                           Function<GreenApiClient, Object> call, Consumer<Object> expect) {
        return new Row(p, what, doc, false, stubs, call, expect);
    }

    private static Function<GreenApiClient, Object> add(GreenApiProduct p) {
        return c -> c.add(group(p), person(p));
    }

    /** Instagram creates no group of fewer than two people besides the instance. */
    private static List<Member> members(GreenApiProduct p) {
        return p == INSTAGRAM ? List.of(person(p), Member.username("john.doe")) : List.of(person(p));
    }

    private static Function<GreenApiClient, Object> remove(GreenApiProduct p) {
        return c -> c.remove(group(p), person(p));
    }

    private static String docs(GreenApiProduct p, String page) {
        return switch (p) {
            case MAX -> "https://green-api.com/v3/docs/api/" + page;
            case TELEGRAM -> "https://green-api.com/en/telegram/docs/api/" + page;
            case INSTAGRAM -> "https://green-api.com/en/instagram/docs/api/" + page;
            case WHATSAPP -> "https://green-api.com/en/docs/api/" + page;
        };
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (GreenApiProduct p : List.of(MAX, TELEGRAM, INSTAGRAM)) {
            addRows(rows, p);
            removeRows(rows, p);
            groupDataRows(rows, p);
            otherMethodRows(rows, p);
            errorRows(rows, p);
        }
        productRows(rows);
        accountRows(rows);
        stateRows(rows);
        return rows.stream();
    }

    // ---- addGroupParticipant (§3.5) ----

    private static void addRows(List<Row> rows, GreenApiProduct p) {
        String add = docs(p, "groups/AddGroupParticipant");
        rows.add(row(p, "addParticipant:true → Added", add, q -> W.ok("addGroupParticipant", "{\"addParticipant\":true}"),
                add(p), and(is(Added.class), () -> {
                    String body = W.sent("addGroupParticipant").get(0);
                    assertTrue(body.contains("\"chatId\":\"" + groupId(p) + "\""), body);
                    assertTrue(body.contains("\"participantChatId\":\"" + personId(p) + "\""), body);
                })));
        rows.add(row(p, "400 Bad Request Validation failed → a failure keeping the text, not retried", add,
                q -> W.on("addGroupParticipant", 400, "Bad Request Validation failed"), add(p),
                and(keeps(Unrecognized.class, "Validation failed"), () -> assertEquals(1, W.count("addGroupParticipant")))));
        if (p != INSTAGRAM) {
            rows.add(row(p, "addParticipant:false, the group lists the person → AlreadyMember (the diagnosis)", add, q -> {
                W.ok("addGroupParticipant", "{\"addParticipant\":false}");
                W.groupData(q, true, true, link(q));
            }, add(p), is(AlreadyMember.class)));
            rows.add(row(p, "addParticipant:false, instance listed but not admin → AccessDenied", add, q -> {
                W.ok("addGroupParticipant", "{\"addParticipant\":false}");
                W.groupData(q, false, false, "");
            }, add(p), remedySays(AccessDenied.class, "admin")));
        }
        if (p == MAX) {
            // The page repeats WhatsApp's reasons (phone book) ⚠: MAX-specific causes are not documented.
            rows.add(row(p, "addParticipant:false, admin, person not listed → NotAdded, not narrowed (⚠ safe reading)",
                    add, q -> {
                        W.ok("addGroupParticipant", "{\"addParticipant\":false}");
                        W.groupData(q, true, false, link(q));
                    }, add(p), is(NotAdded.class, n -> assertFalse(n.possibleReasons().isEmpty()))));
        }
        if (p == MAX) {
            rows.add(row(p, "addParticipant:false, members may add people, instance a plain member → NotAdded, not"
                    + " AccessDenied", add, q -> {
                        W.ok("addGroupParticipant", "{\"addParticipant\":false}");
                        W.ok("getGroupData", "{\"chatId\":\"" + groupId(q) + "\",\"allowParticipantsAddMembers\":true,"
                                + "\"participants\":[{\"chatId\":\"" + ownId(q) + "\",\"isAdmin\":false}]}");
                        W.ok("getAccountSettings", "{\"chatId\":\"" + ownId(q) + "\"}");
                    }, add(p), is(NotAdded.class)));
        }
        if (p == TELEGRAM) {
            rows.add(row(p, "HTTP 400 addParticipant:false (invalid participantChatId) → NotFound MEMBER", add,
                    q -> W.on("addGroupParticipant", 400, "{\"addParticipant\":false}"), add(p),
                    and(notFound(NotFound.Subject.MEMBER), () -> assertEquals(1, W.count("addGroupParticipant")))));
            // No reason values are documented: a text that is not one of Telegram's own error names is
            // kept as it came (⚠ safe reading); one that is means one thing whoever passes it on.
            rows.add(row(p, "addParticipant:false with an unknown reason → NotAdded keeping the reason (⚠ safe reading)", add, q -> {
                W.ok("addGroupParticipant", "{\"addParticipant\":false,\"reason\":\"SOMETHING_NEW\"}");
                W.groupData(q, true, false, link(q));
            }, add(p), keeps(NotAdded.class, "SOMETHING_NEW")));
            for (Object[] named : new Object[][] {
                    {"USER_PRIVACY_RESTRICTED", PrivacyRestricted.class}, {"USER_NOT_MUTUAL_CONTACT", PrivacyRestricted.class},
                    {"USER_ALREADY_PARTICIPANT", AlreadyMember.class}, {"USER_CHANNELS_TOO_MUCH", TooManyGroups.class},
                    {"USER_KICKED", MemberBanned.class}, {"USER_BANNED_IN_CHANNEL", MemberBanned.class},
                    {"CHAT_ADMIN_REQUIRED", AccessDenied.class}, {"PEER_FLOOD", SpamLimited.class}}) {
                String reason = (String) named[0];
                @SuppressWarnings("unchecked")
                Class<? extends Outcome> type = (Class<? extends Outcome>) named[1];
                rows.add(row(p, "addParticipant:false reason " + reason + " (Telegram's own error name, ⚠ not listed by"
                        + " Green-API) → " + type.getSimpleName(), add, q -> {
                    W.ok("addGroupParticipant", "{\"addParticipant\":false,\"reason\":\"" + reason + "\"}");
                    W.groupData(q, true, false, link(q));
                }, add(p), keeps(type, reason)));
            }
            rows.add(row(p, "addParticipant:false, the instance is not in the group (listing has no own id) → AccessDenied", add, q -> {
                W.ok("addGroupParticipant", "{\"addParticipant\":false,\"reason\":\"CHAT_NOT_MEMBER\"}");
                W.ok("getGroupData", "{\"chatId\":\"" + groupId(q) + "\",\"participants\":[]}");
                W.ok("getAccountSettings", "{\"chatId\":\"" + ownId(q) + "\"}");
            }, add(p), remedySays(AccessDenied.class, "not in the group")));
        }
        if (p == INSTAGRAM) {
            rows.add(row(p, "addParticipant:true for someone the group data listed before → AlreadyMember", add, q -> {
                W.ok("addGroupParticipant", "{\"addParticipant\":true}");
                W.groupData(q, true, true, link(q));
            }, c -> {
                assertInstanceOf(Members.class, c.members(group(p)));
                return c.add(group(p), person(p));
            }, is(AlreadyMember.class)));
            rows.add(row(p, "addParticipant:true, no data read before → Added", add, q -> {
                W.ok("addGroupParticipant", "{\"addParticipant\":true}");
            }, add(p), and(is(Added.class), () -> assertEquals(0, W.count("getGroupData")))));
            rows.add(row(p, "addParticipant:false, the instance lacks rights → AccessDenied",
                    "https://green-api.com/instagram/docs/api/groups/RemoveGroupParticipant", q -> {
                        W.ok("addGroupParticipant", "{\"addParticipant\":false}");
                        W.groupData(q, false, false, "");
                    }, add(p), is(AccessDenied.class)));
            rows.add(row(p, "addParticipant:false, admin, not listed → NotAdded (⚠ safe reading: reasons truncated)", add,
                    q -> {
                        W.ok("addGroupParticipant", "{\"addParticipant\":false}");
                        W.groupData(q, true, false, link(q));
                    }, add(p), is(NotAdded.class)));
            rows.add(row(p, "an @username is sent as participantChatId \"@name\"", add,
                    q -> W.ok("addGroupParticipant", "{\"addParticipant\":true}"),
                    c -> c.add(group(p), Member.username("john.doe")), and(is(Added.class), () -> assertTrue(
                            W.sent("addGroupParticipant").get(0).contains("\"participantChatId\":\"@john.doe\""),
                            W.sent("addGroupParticipant").get(0)))));
        }
    }

    // ---- removeGroupParticipant (§3.6) ----

    private static void removeRows(List<Row> rows, GreenApiProduct p) {
        String doc = docs(p, "groups/RemoveGroupParticipant");
        rows.add(row(p, "removeParticipant:true → Removed", doc, q -> W.ok("removeGroupParticipant",
                "{\"removeParticipant\":true}"), remove(p), and(is(Removed.class), () -> {
                    String body = W.sent("removeGroupParticipant").get(0);
                    assertTrue(body.contains("\"chatId\":\"" + groupId(p) + "\""), body);
                })));
        rows.add(row(p, "removeParticipant:false, the group does not list the person → NotMember", doc, q -> {
            W.ok("removeGroupParticipant", "{\"removeParticipant\":false}");
            W.groupData(q, true, false, link(q));
        }, remove(p), is(NotMember.class)));
        rows.add(row(p, "removeParticipant:false, listed, instance not admin → AccessDenied", doc, q -> {
            W.ok("removeGroupParticipant", "{\"removeParticipant\":false}");
            W.groupData(q, false, true, "");
        }, remove(p), is(AccessDenied.class)));
        // A missing group's getGroupData answer is not documented for these products (⚠): WhatsApp's
        // item-not-found is read as no such group.
        rows.add(row(p, "removeParticipant:false, getGroupData item-not-found → NotFound GROUP (⚠ safe reading)", doc,
                q -> {
                    W.ok("removeGroupParticipant", "{\"removeParticipant\":false}");
                    W.ok("getGroupData", "\"Error: item-not-found\"");
                }, remove(p), notFound(NotFound.Subject.GROUP)));
        rows.add(row(p, "removeParticipant:false, listed, admin → a failure keeping the answer, never Removed", doc, q -> {
            W.ok("removeGroupParticipant", "{\"removeParticipant\":false}");
            W.groupData(q, true, true, link(q));
        }, remove(p), is(Unrecognized.class)));
    }

    // ---- getGroupData (§3.3) ----

    private static void groupDataRows(List<Row> rows, GreenApiProduct p) {
        String doc = docs(p, "groups/GetGroupData");
        rows.add(row(p, "participants by chatId → Members with roles (⚠ safe reading: element fields not shown)", doc, q -> W.groupData(q, true, true, link(q)),
                c -> c.members(group(p)), and(is(Members.class, m -> assertEquals(List.of(
                        new GroupMember(Member.userId(ownId(p)), MemberRole.OWNER),
                        new GroupMember(Member.userId(personId(p)), MemberRole.MEMBER)), m.members())), () -> {
                            String body = W.sent("getGroupData").get(0);
                            assertEquals("{\"chatId\":\"" + groupId(p) + "\"}", body);
                        })));
        rows.add(row(p, "empty groupInviteLink → AccessDenied", doc, q -> W.groupData(q, false, false, ""),
                c -> c.inviteLink(group(p)), remedySays(AccessDenied.class, "admin")));
        rows.add(row(p, "groupInviteLink of the product's shape → InviteLink" + (p == INSTAGRAM ? " (⚠ no example link"
                + " documented: any https link)" : ""), doc, q -> W.groupData(q, true, false, link(q)),
                c -> c.inviteLink(group(p)), is(InviteLink.class, l -> assertEquals(link(p), l.url()))));
        if (p != INSTAGRAM) {
            rows.add(row(p, "groupInviteLink of another messenger → not an InviteLink", doc,
                    q -> W.groupData(q, true, false, "https://chat.whatsapp.com/Abc"), c -> c.inviteLink(group(p)),
                    is(Unrecognized.class)));
        }
        if (p == INSTAGRAM) {
            rows.add(row(p, "participants by username → Member.username, dots kept (⚠ element fields not shown)", doc,
                    q -> W.ok("getGroupData", "{\"chatId\":\"" + groupId(q) + "\",\"participants\":[{\"username\":"
                            + "\"@john.doe\",\"isAdmin\":false}]}"),
                    c -> c.members(group(p)), is(Members.class, m -> assertEquals(
                            List.of(new GroupMember(Member.username("john.doe"), MemberRole.MEMBER)), m.members()))));
            // A personal chat's id answers 400 (the body is not documented ⚠): never a listing.
            rows.add(row(p, "HTTP 400 for a personal chat's id → a failure with status 400, not retried", doc,
                    q -> W.on("getGroupData", 400, "Bad Request"), c -> c.members(group(p)), and(is(Unrecognized.class,
                            u -> assertEquals(400, u.detail().status().orElseThrow())),
                            () -> assertEquals(1, W.count("getGroupData")))));
        }
    }

    // ---- createGroup, updateGroupName, setGroupAdmin, removeAdmin, leaveGroup, setGroupPicture (§3.1–3.10) ----

    private static void otherMethodRows(List<Row> rows, GreenApiProduct p) {
        String create = docs(p, "groups/CreateGroup");
        rows.add(row(p, "created:true → GroupCreated with the group and link", create,
                q -> W.ok("createGroup", "{\"created\":true,\"chatId\":\"" + groupId(q) + "\",\"groupInviteLink\":\""
                        + link(q) + "\"}"),
                c -> c.createGroup("Team", members(p)), and(is(GroupCreated.class, g -> {
                    assertEquals(group(p), g.group());
                    assertEquals(link(p), g.inviteLink().orElseThrow());
                }), () -> {
                    String body = W.sent("createGroup").get(0);
                    String ids = p == INSTAGRAM ? "[\"" + personId(p) + "\",\"@john.doe\"]" : "[\"" + personId(p) + "\"]";
                    assertTrue(body.contains("\"chatIds\":" + ids) && body.contains("\"groupName\":\"Team\""), body);
                })));
        String name = docs(p, "groups/UpdateGroupName");
        rows.add(row(p, "updateGroupName:true → Done", name, q -> W.ok("updateGroupName", "{\"updateGroupName\":true}"),
                c -> c.rename(group(p), "New"), and(is(Done.class), () -> assertTrue(W.sent("updateGroupName").get(0)
                        .contains("\"chatId\":\"" + groupId(p) + "\""), W.sent("updateGroupName").get(0)))));
        rows.add(row(p, "updateGroupName:false → a failure keeping the answer, never Done", name,
                q -> W.ok("updateGroupName", "{\"updateGroupName\":false}"), c -> c.rename(group(p), "New"),
                keeps(Unrecognized.class, "updateGroupName")));
        String admin = docs(p, "groups/SetGroupAdmin");
        rows.add(row(p, "setGroupAdmin:true → Done", admin, q -> W.ok("setGroupAdmin", "{\"setGroupAdmin\":true}"),
                c -> c.setAdmin(group(p), person(p)), and(is(Done.class), () -> assertTrue(W.sent("setGroupAdmin").get(0)
                        .contains("\"participantChatId\":\"" + personId(p) + "\""), W.sent("setGroupAdmin").get(0)))));
        rows.add(row(p, "setGroupAdmin:false → a failure, never Done", admin,
                q -> W.ok("setGroupAdmin", "{\"setGroupAdmin\":false}"), c -> c.setAdmin(group(p), person(p)),
                is(Unrecognized.class)));
        String unadmin = p == TELEGRAM ? "https://github.com/green-api/telegram-api-client-golang/blob/main/groups.go"
                : docs(p, "groups/RemoveAdmin");
        rows.add(row(p, "removeAdmin:true → Done" + (p == TELEGRAM ? " (⚠ SDK only)" : ""), unadmin,
                q -> W.ok("removeAdmin", "{\"removeAdmin\":true}"), c -> c.removeAdmin(group(p), person(p)), is(Done.class)));
        rows.add(row(p, "removeAdmin:false → a failure, never Done" + (p == TELEGRAM ? " (⚠ SDK only)" : ""), unadmin,
                q -> W.ok("removeAdmin", "{\"removeAdmin\":false}"), c -> c.removeAdmin(group(p), person(p)),
                is(Unrecognized.class)));
        String leave = p == TELEGRAM ? "https://green-api.com/en/telegram/docs/api/groups/LeaveGroup"
                : docs(p, "groups/LeaveGroup");
        rows.add(row(p, "leaveGroup:true → Done", leave, q -> W.ok("leaveGroup", "{\"leaveGroup\":true}"),
                c -> c.leave(group(p)), and(is(Done.class), () -> assertEquals("{\"chatId\":\"" + groupId(p) + "\"}",
                        W.sent("leaveGroup").get(0)))));
        rows.add(row(p, "leaveGroup:false → a failure, never Done", leave, q -> W.ok("leaveGroup", "{\"leaveGroup\":false}"),
                c -> c.leave(group(p)), is(Unrecognized.class)));
        if (p != INSTAGRAM) {
            rows.add(row(p, "leaveGroup answered with removeAdmin:true (the instance was admin) → Done", leave,
                    q -> W.ok("leaveGroup", "{\"removeAdmin\":true}"), c -> c.leave(group(p)), is(Done.class)));
        }
        String picture = docs(p, "groups/SetGroupPicture");
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 16};
        if (p == INSTAGRAM) {
            rows.add(row(p, "setGroupPicture → Unsupported, nothing sent", "https://green-api.com/instagram/docs/api/groups",
                    none(), c -> c.setGroupPicture(group(p), jpeg), and(is(Unsupported.class),
                            () -> assertEquals(0, W.served().size()))));
        } else {
            rows.add(row(p, "setGroupPicture:true → Done with the avatar URL", picture,
                    q -> W.ok("setGroupPicture", "{\"setGroupPicture\":true,\"urlAvatar\":\"https://x/a.jpg\",\"reason\":\"\"}"),
                    c -> c.setGroupPicture(group(p), jpeg), keeps(Done.class, "https://x/a.jpg")));
            rows.add(row(p, "setGroupPicture:false reason Timed Out (bad chatId) → NotFound GROUP", picture,
                    q -> W.ok("setGroupPicture", "{\"setGroupPicture\":false,\"urlAvatar\":\"\",\"reason\":\"Timed Out\"}"),
                    c -> c.setGroupPicture(group(p), jpeg), notFound(NotFound.Subject.GROUP)));
            rows.add(row(p, "400 File is empty → a failure asking for a JPEG", picture,
                    q -> W.on("setGroupPicture", 400, "File is empty"), c -> c.setGroupPicture(group(p), jpeg),
                    remedySays(Unrecognized.class, "JPEG")));
        }
    }

    // ---- answers every method shares (§4, §6.16, GetStateInstance pages) ----

    private static void errorRows(List<Row> rows, GreenApiProduct p) {
        String limits = docs(p, "ratelimiter");
        rows.add(row(p, "429 without Retry-After → RateLimited after the backoff", limits,
                q -> W.on("addGroupParticipant", 429, "Too Many Requests"), add(p), is(RateLimited.class)));
        rows.add(row(p, "466 quota body → QuotaExceeded", "https://greenapi.com/en/docs/api/466-error-example-body",
                q -> W.on("addGroupParticipant", 466, "{\"correspondentsStatus\":{\"status\":"
                        + "\"CORRESPONDENTS_QUOTE_EXCEEDED\",\"description\":\"Too many chats\"}}"), add(p),
                is(QuotaExceeded.class, r -> assertEquals("CORRESPONDENTS_QUOTE_EXCEEDED", r.detail().code()))));
        rows.add(row(p, "400 instance account not authorized → Unauthorized with the product's login remedy",
                docs(p, "account/GetStateInstance"), q -> W.on("addGroupParticipant", 400, "instance account not authorized"),
                add(p), remedySays(Unauthorized.class, p.displayName())));
    }

    private static void productRows(List<Row> rows) {
        rows.add(row(MAX, "403 Your account is suspended → SpamLimited", "https://green-api.com/v3/docs/api/account/GetStateInstance",
                q -> W.on("addGroupParticipant", 403, "Your account is suspended"), add(MAX),
                and(remedySays(SpamLimited.class, "MAX"), () -> assertEquals(1, W.count("addGroupParticipant")))));
        rows.add(row(INSTAGRAM, "422 not available for a web session → Unsupported",
                "https://green-api.com/en/instagram/docs/faq/web-session-limits",
                q -> W.on("addGroupParticipant", 422, "addGroupParticipant: not available for a web session"),
                add(INSTAGRAM), is(Unsupported.class)));
        rows.add(row(INSTAGRAM, "createGroup created:false (fewer than 2 known accounts left) → not a GroupCreated"
                        + " (⚠ safe reading: the answer's shape is not shown)",
                "https://green-api.com/en/instagram/docs/api/groups/CreateGroup",
                q -> W.ok("createGroup", "{\"created\":false,\"chatId\":\"\",\"groupInviteLink\":\"\"}"),
                c -> c.createGroup("Team", members(INSTAGRAM)), and(keeps(Unrecognized.class, "created:false"),
                        () -> assertEquals(1, W.count("createGroup")))));
        rows.add(new Row(TELEGRAM, "getGroupData isChannel:true → the pre-check's Unsupported, nothing added",
                "https://green-api.com/en/telegram/docs/api/groups/GetGroupData", true, q -> {
                    W.ok("getStateInstance", "{\"stateInstance\":\"authorized\"}");
                    W.ok("getGroupData", "{\"chatId\":\"" + groupId(q) + "\",\"isChannel\":true,\"isSupergroup\":false,"
                            + "\"participants\":[]}");
                }, add(TELEGRAM), and(remedySays(Unsupported.class, "channel"),
                        () -> assertEquals(0, W.count("addGroupParticipant")))));
        rows.add(row(TELEGRAM, "getChats: groups and supergroups are groups; users, bots and channels are not",
                "https://green-api.com/en/telegram/docs/api/service/GetChats",
                q -> W.ok("getChats", "[{\"chatId\":\"10000000\",\"name\":\"Ann\",\"type\":\"user\"},"
                        + "{\"chatId\":\"-5098765432\",\"name\":\"Team\",\"type\":\"group\"},"
                        + "{\"chatId\":\"-1001234567890\",\"name\":\"Big\",\"type\":\"supergroup\"},"
                        + "{\"chatId\":\"-1009999999999\",\"name\":\"News\",\"type\":\"channel\"},"
                        + "{\"chatId\":\"10000001\",\"name\":\"Helper\",\"type\":\"bot\"}]"),
                c -> c.groups(GroupsPage.first()), is(Groups.class, g -> assertEquals(List.of("-1001234567890",
                        "-5098765432"), g.groups().stream().map(i -> i.group().key()).toList()))));
        rows.add(row(MAX, "getChats gives chatId and phoneNumber only: negative ids are the groups",
                "https://green-api.com/v3/docs/api/service/GetChats/",
                q -> W.ok("getChats", "[{\"chatId\":\"10000000\",\"phoneNumber\":79001234567},"
                        + "{\"chatId\":\"-10000000000000\",\"phoneNumber\":0}]"),
                c -> c.groups(GroupsPage.first()), is(Groups.class, g -> assertEquals(List.of("-10000000000000"),
                        g.groups().stream().map(i -> i.group().key()).toList()))));
        rows.add(row(INSTAGRAM, "getChats: type group entries are the groups, kept as text",
                "https://green-api.com/en/instagram/docs/api/service/GetChats",
                q -> W.ok("getChats", "[{\"chatId\":\"49547665464\",\"name\":\"Ann\",\"username\":\"@ann\",\"type\":"
                        + "\"user\"},{\"chatId\":\"340282366841710300949128174631143137232\",\"name\":\"Work group\","
                        + "\"username\":\"\",\"type\":\"group\"},{\"chatId\":\"1\",\"name\":\"Meta AI\",\"type\":\"bot\"}]"),
                c -> c.groups(GroupsPage.first()), is(Groups.class, g -> assertEquals(
                        List.of("340282366841710300949128174631143137232"),
                        g.groups().stream().map(i -> i.group().key()).toList()))));
        rows.add(row(INSTAGRAM, "addParticipant:true for a username the data listed before → AlreadyMember",
                "https://green-api.com/en/instagram/docs/api/groups/AddGroupParticipant", q -> {
                    W.ok("addGroupParticipant", "{\"addParticipant\":true}");
                    W.ok("getGroupData", "{\"chatId\":\"" + groupId(q) + "\",\"participants\":[{\"username\":"
                            + "\"@john.doe\",\"isAdmin\":false}]}");
                }, c -> {
                    assertInstanceOf(Members.class, c.members(group(INSTAGRAM)));
                    return c.add(group(INSTAGRAM), Member.username("john.doe"));
                }, is(AlreadyMember.class)));
        rows.add(row(INSTAGRAM, "400 session is no longer valid → Unauthorized with the login remedy",
                "https://green-api.com/en/instagram/docs/api/common-errors",
                q -> W.on("addGroupParticipant", 400, "session is no longer valid"), add(INSTAGRAM),
                remedySays(Unauthorized.class, "password")));
        rows.add(row(MAX, "createGroup 200 created:false → not a GroupCreated, the answer kept",
                "https://green-api.com/v3/docs/api/groups/CreateGroup",
                q -> W.ok("createGroup", "{\"created\":false,\"chatId\":\"\",\"groupInviteLink\":\"\"}"),
                c -> c.createGroup("Team", List.of(person(MAX))), and(keeps(Unrecognized.class, "created:false"),
                        () -> assertEquals(1, W.count("createGroup")))));
        String setAdmin = "https://green-api.com/v3/docs/api/groups/SetGroupAdmin";
        String removeAdmin = "https://green-api.com/v3/docs/api/groups/RemoveAdmin";
        rows.add(row(MAX, "setGroupAdmin:false error participant not found → NotFound MEMBER", setAdmin,
                q -> W.ok("setGroupAdmin", "{\"setGroupAdmin\":false,\"error\":\"participant not found\"}"),
                c -> c.setAdmin(group(MAX), person(MAX)), notFound(NotFound.Subject.MEMBER)));
        rows.add(row(MAX, "setGroupAdmin:false error you have to be group admin → AccessDenied", setAdmin,
                q -> W.ok("setGroupAdmin", "{\"setGroupAdmin\":false,\"error\":\"you have to be group admin to change"
                        + " settings\"}"), c -> c.setAdmin(group(MAX), person(MAX)), remedySays(AccessDenied.class, "admin")));
        rows.add(row(MAX, "setGroupAdmin:false error no permission → AccessDenied", setAdmin,
                q -> W.ok("setGroupAdmin", "{\"setGroupAdmin\":false,\"error\":\"no permission\"}"),
                c -> c.setAdmin(group(MAX), person(MAX)), is(AccessDenied.class)));
        rows.add(row(MAX, "setGroupAdmin:false error failed to set group admin → a failure keeping the text", setAdmin,
                q -> W.ok("setGroupAdmin", "{\"setGroupAdmin\":false,\"error\":\"failed to set group admin\"}"),
                c -> c.setAdmin(group(MAX), person(MAX)), keeps(Unrecognized.class, "failed to set group admin")));
        rows.add(row(MAX, "removeAdmin:false error participant not found → NotFound MEMBER", removeAdmin,
                q -> W.ok("removeAdmin", "{\"removeAdmin\":false,\"error\":\"participant not found\"}"),
                c -> c.removeAdmin(group(MAX), person(MAX)), notFound(NotFound.Subject.MEMBER)));
        rows.add(row(MAX, "updateGroupName:false error participant not found → NotFound MEMBER (⚠ safe reading)",
                "https://green-api.com/v3/docs/api/groups/UpdateGroupName",
                q -> W.ok("updateGroupName", "{\"updateGroupName\":false,\"error\":\"participant not found\"}"),
                c -> c.rename(group(MAX), "New"), notFound(NotFound.Subject.MEMBER)));
        rows.add(row(MAX, "leaveGroup:true with removeAdmin:true → Done", "https://green-api.com/v3/docs/api/groups/LeaveGroup",
                q -> W.ok("leaveGroup", "{\"leaveGroup\":true,\"removeAdmin\":true}"), c -> c.leave(group(MAX)),
                is(Done.class)));
        rows.add(row(MAX, "setGroupPicture:false with an empty reason → a failure, never Done",
                "https://green-api.com/v3/docs/api/groups/SetGroupPicture",
                q -> W.ok("setGroupPicture", "{\"setGroupPicture\":false,\"urlAvatar\":\"\",\"reason\":\"\"}"),
                c -> c.setGroupPicture(group(MAX), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0}),
                is(Unrecognized.class)));
    }

    // ---- checkAccount (§3.11, §6.6) ----

    private static void accountRows(List<Row> rows) {
        String max = "https://green-api.com/v3/docs/api/service/CheckAccount";
        String tg = "https://green-api.com/en/telegram/docs/api/service/CheckAccount";
        String ig = "https://green-api.com/en/instagram/docs/api/service/CheckAccount";
        Member ruPhone = Member.phone("+7 900 123 45 67");
        Member byPhone = Member.phone("+375 29 123 45 67");
        rows.add(row(MAX, "exist:true for a +7 phone → Done; phoneNumber sent as a number", max,
                q -> W.ok("checkAccount", "{\"exist\":true,\"chatId\":\"10000000\"}"), c -> c.checkAccount(ruPhone),
                and(is(Done.class), () -> assertEquals("{\"phoneNumber\":79001234567}", W.sent("checkAccount").get(0)))));
        rows.add(row(MAX, "exist:true for a +375 phone → Done", max,
                q -> W.ok("checkAccount", "{\"exist\":true,\"chatId\":\"10000001\"}"), c -> c.checkAccount(byPhone),
                and(is(Done.class), () -> assertEquals("{\"phoneNumber\":375291234567}", W.sent("checkAccount").get(0)))));
        rows.add(row(MAX, "exist:false → NotRegistered", max, q -> W.ok("checkAccount", "{\"exist\":false,\"chatId\":\"\"}"),
                c -> c.checkAccount(ruPhone), remedySays(NotRegistered.class, "MAX")));
        rows.add(row(MAX, "a phone is added by the chatId checkAccount gave", max, q -> {
            W.ok("checkAccount", "{\"exist\":true,\"chatId\":\"10000077\"}");
            W.ok("addGroupParticipant", "{\"addParticipant\":true}");
        }, c -> c.add(group(MAX), ruPhone), and(is(Added.class), () -> assertEquals("{\"chatId\":\"" + groupId(MAX)
                + "\",\"participantChatId\":\"10000077\"}", W.sent("addGroupParticipant").get(0)))));
        rows.add(row(MAX, "a phone without an account is never sent to addGroupParticipant", max,
                q -> W.ok("checkAccount", "{\"exist\":false,\"chatId\":\"\"}"), c -> c.add(group(MAX), ruPhone),
                and(is(NotRegistered.class), () -> assertEquals(0, W.count("addGroupParticipant")))));
        rows.add(row(MAX, "a MAX id needs no check: Done NOT_CHECKED, nothing sent", max, none(),
                c -> c.checkAccount(person(MAX)), and(is(Done.class, d -> assertEquals("NOT_CHECKED", d.detail().code())),
                        () -> assertEquals(0, W.served().size()))));
        rows.add(row(TELEGRAM, "exist:true for an @username → Done; username sent with @", tg,
                q -> W.ok("checkAccount", "{\"exist\":true,\"chatId\":\"10000088\"}"),
                c -> c.checkAccount(Member.username("john_doe")), and(is(Done.class),
                        () -> assertEquals("{\"username\":\"@john_doe\"}", W.sent("checkAccount").get(0)))));
        rows.add(row(TELEGRAM, "exist:true for a phone → Done; phoneNumber sent as a number", tg,
                q -> W.ok("checkAccount", "{\"exist\":true,\"chatId\":\"10000089\"}"),
                c -> c.checkAccount(Member.phone("+49 30 1234567")), and(is(Done.class),
                        () -> assertEquals("{\"phoneNumber\":49301234567}", W.sent("checkAccount").get(0)))));
        rows.add(row(TELEGRAM, "exist:false → NotRegistered", tg, q -> W.ok("checkAccount", "{\"exist\":false}"),
                c -> c.checkAccount(Member.username("nobody_here")), is(NotRegistered.class)));
        rows.add(row(TELEGRAM, "an @username is added by the chatId checkAccount gave", tg, q -> {
            W.ok("checkAccount", "{\"exist\":true,\"chatId\":\"10000088\"}");
            W.ok("addGroupParticipant", "{\"addParticipant\":true}");
        }, c -> c.add(group(TELEGRAM), Member.username("john_doe")), and(is(Added.class), () -> assertEquals(
                "{\"chatId\":\"" + groupId(TELEGRAM) + "\",\"participantChatId\":\"10000088\"}",
                W.sent("addGroupParticipant").get(0)))));
        rows.add(row(TELEGRAM, "exist:true without a chatId → no add sent, a failure saying so (⚠ safe reading)", tg,
                q -> W.ok("checkAccount", "{\"exist\":true}"), c -> c.add(group(TELEGRAM), Member.username("john_doe")),
                and(keeps(Unrecognized.class, "NO_CHAT_ID"), () -> assertEquals(0, W.count("addGroupParticipant")))));
        rows.add(new Row(MAX, "with pre-checks: a phone is checked once and added by the chatId it gave", max, true, q -> {
            W.ok("getStateInstance", "{\"stateInstance\":\"authorized\"}");
            W.groupData(q, true, false, link(q));
            W.ok("checkAccount", "{\"exist\":true,\"chatId\":\"10000077\"}");
            W.ok("addGroupParticipant", "{\"addParticipant\":true}");
        }, c -> c.add(group(MAX), ruPhone), and(is(Added.class), () -> {
            assertEquals(1, W.count("checkAccount"));
            assertTrue(W.sent("addGroupParticipant").get(0).contains("\"participantChatId\":\"10000077\""),
                    W.sent("addGroupParticipant").get(0));
        })));
        rows.add(row(MAX, "a phone is removed by the chatId checkAccount gave", max, q -> {
            W.ok("checkAccount", "{\"exist\":true,\"chatId\":\"10000077\"}");
            W.ok("removeGroupParticipant", "{\"removeParticipant\":true}");
        }, c -> c.remove(group(MAX), ruPhone), and(is(Removed.class), () -> assertEquals("{\"chatId\":\"" + groupId(MAX)
                + "\",\"participantChatId\":\"10000077\"}", W.sent("removeGroupParticipant").get(0)))));
        rows.add(new Row(TELEGRAM, "with pre-checks: an @username without an account is never sent", tg, true, q -> {
            W.ok("getStateInstance", "{\"stateInstance\":\"authorized\"}");
            W.groupData(q, true, false, link(q));
            W.ok("checkAccount", "{\"exist\":false}");
        }, c -> c.add(group(TELEGRAM), Member.username("nobody_here")), and(is(NotRegistered.class),
                () -> assertEquals(0, W.count("addGroupParticipant")))));
        rows.add(new Row(INSTAGRAM, "with pre-checks: an account id checkAccount does not know is never sent", ig, true,
                q -> {
                    W.ok("getStateInstance", "{\"stateInstance\":\"authorized\"}");
                    W.groupData(q, true, false, link(q));
                    W.ok("checkAccount", "{\"exist\":false,\"chatId\":\"\",\"username\":\"\"}");
                }, add(INSTAGRAM), and(is(NotRegistered.class), () -> {
                    assertEquals(0, W.count("addGroupParticipant"));
                    assertEquals("{\"chatId\":\"" + personId(INSTAGRAM) + "\"}", W.sent("checkAccount").get(0));
                })));
        rows.add(row(INSTAGRAM, "exist:true for an account id → Done; chatId sent", ig,
                q -> W.ok("checkAccount", "{\"exist\":true,\"chatId\":\"49547665464\",\"username\":\"@john.doe\"}"),
                c -> c.checkAccount(person(INSTAGRAM)), and(is(Done.class),
                        () -> assertEquals("{\"chatId\":\"49547665464\"}", W.sent("checkAccount").get(0)))));
        rows.add(row(INSTAGRAM, "exist:true for a username → Done; username sent with @", ig,
                q -> W.ok("checkAccount", "{\"exist\":true,\"chatId\":\"49547665464\",\"username\":\"@john.doe\"}"),
                c -> c.checkAccount(Member.username("john.doe")), and(is(Done.class),
                        () -> assertEquals("{\"username\":\"@john.doe\"}", W.sent("checkAccount").get(0)))));
        rows.add(row(INSTAGRAM, "exist:false → NotRegistered", ig,
                q -> W.ok("checkAccount", "{\"exist\":false,\"chatId\":\"\",\"username\":\"\"}"),
                c -> c.checkAccount(Member.username("nobody.here")), remedySays(NotRegistered.class, "Instagram")));
    }

    // ---- getStateInstance, through the add's pre-check and state() (§1 states) ----

    private static void stateRows(List<Row> rows) {
        record State(GreenApiProduct p, String name, AccountState state, Class<?> outcome, String remedy) {
        }
        List<State> states = List.of(
                new State(TELEGRAM, "pendingPassword", AccountState.NOT_AUTHORIZED, Unauthorized.class, "password"),
                new State(TELEGRAM, "notAuthorized", AccountState.NOT_AUTHORIZED, Unauthorized.class, "QR code"),
                new State(TELEGRAM, "suspended", AccountState.SPAM_SUSPENDED, SpamLimited.class, "Telegram"),
                new State(TELEGRAM, "blocked", AccountState.BANNED, SpamLimited.class, "blocked"),
                new State(TELEGRAM, "starting", AccountState.STARTING, Unavailable.class, "QR code"),
                new State(MAX, "notAuthorized", AccountState.NOT_AUTHORIZED, Unauthorized.class, "QR code"),
                new State(MAX, "suspended", AccountState.SPAM_SUSPENDED, SpamLimited.class, "suspendedUntil"),
                new State(MAX, "blocked", AccountState.BANNED, SpamLimited.class, "temporarily"),
                new State(MAX, "starting", AccountState.STARTING, Unavailable.class, "wait"),
                new State(INSTAGRAM, "notAuthorized", AccountState.NOT_AUTHORIZED, Unauthorized.class, "no QR code"),
                new State(INSTAGRAM, "suspended", AccountState.SPAM_SUSPENDED, SpamLimited.class, "Instagram"),
                new State(INSTAGRAM, "starting", AccountState.STARTING, Unavailable.class, "wait"));
        for (State s : states) {
            String doc = docs(s.p(), "account/GetStateInstance");
            rows.add(new Row(s.p(), "stateInstance " + s.name() + " → the pre-check's " + s.outcome().getSimpleName()
                    + ", nothing added", doc, true,
                    q -> W.ok("getStateInstance", "{\"stateInstance\":\"" + s.name() + "\"}"), add(s.p()),
                    and(remedySays(s.outcome(), s.remedy()), () -> assertEquals(0, W.count("addGroupParticipant")))));
            rows.add(row(s.p(), "stateInstance " + s.name() + " → state() " + s.state(), doc,
                    q -> W.ok("getStateInstance", "{\"stateInstance\":\"" + s.name() + "\"}"), GreenApiClient::state,
                    is(AccountStatus.class, a -> assertEquals(s.state(), a.state()))));
        }
        rows.add(new Row(MAX, "stateInstance authorized → the add goes on", docs(MAX, "account/GetStateInstance"), true,
                q -> {
                    W.ok("getStateInstance", "{\"stateInstance\":\"authorized\"}");
                    W.groupData(q, true, false, link(q));
                    W.ok("addGroupParticipant", "{\"addParticipant\":true}");
                }, add(MAX), and(is(Added.class), () -> assertEquals(1, W.count("addGroupParticipant")))));
    }
}
