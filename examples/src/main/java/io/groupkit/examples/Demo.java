package io.groupkit.examples;

import io.groupkit.core.AddResult;
import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.LinkFallback;
import io.groupkit.core.Member;
import io.groupkit.core.Outcome;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.spi.Operation;
import io.groupkit.core.time.VirtualTime;
import io.groupkit.testkit.fake.FakeFault;
import io.groupkit.testkit.fake.FakeProvider;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Walks through the situations of real group work on an in-memory provider, printing each outcome
 * and what to do about it. No account, no network; provider time is simulated, so pacing and
 * waits cost nothing. Exits with 0 when every step behaved as expected.
 */
public final class Demo {
    private final PrintStream out;
    private final List<String> failures = new ArrayList<>();

    private Demo(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the demo.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        int code = run(System.out);
        System.out.flush();
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs the demo, printing to {@code out}.
     *
     * @param out where to print
     * @return 0 if every step behaved as expected, 1 otherwise
     */
    public static int run(PrintStream out) {
        return new Demo(out).walkThrough();
    }

    private int walkThrough() {
        VirtualTime time = VirtualTime.create();
        FakeProvider whatsapp = FakeProvider.builder().name("fake-whatsapp").time(time)
                .rateLimit(Operation.ADD, RateLimit.perSecond("group-write", 10))
                .rateLimit(Operation.PRECHECK, RateLimit.perSecond("check", 10))
                .build();
        GroupRef group = GroupRef.of("120363043968066561@g.us");
        whatsapp.group(group).inviteLink("https://chat.whatsapp.com/DemoInvite");
        GroupMembership groups = GroupMembership.create(whatsapp, Policies.builder().time(time)
                .inviteFallback(InviteFallback.ATTACH_AND_SEND).build());

        out.println("GroupKit demo: an in-memory WhatsApp-like provider, simulated time");
        out.println("(the Green-API, Bitrix24 and Telegram simulators join this demo as their adapters land)");
        out.println();

        Member anna = Member.phone("+7 900 123-45-68");
        step("Add a person by phone", groups.add(group, anna), OutcomeKind.ADDED);
        step("Add the same person again", groups.add(group, anna), OutcomeKind.ALREADY_MEMBER);

        Member noWhatsapp = Member.phone("+7 900 000-00-01");
        whatsapp.person(noWhatsapp).noAccount();
        step("A number without an account (caught by the pre-check, never sent)",
                groups.add(group, noWhatsapp), OutcomeKind.NOT_REGISTERED);

        Member shy = Member.phone("+7 900 000-00-02");
        whatsapp.person(shy).privacyRestricted();
        AddResult privacy = step("A person whose privacy settings forbid being added", groups.add(group, shy),
                OutcomeKind.PRIVACY_RESTRICTED);
        expectLinkSent(privacy);

        Member stranger = Member.phone("+7 900 000-00-03");
        whatsapp.person(stranger).notInContacts();
        expectLinkSent(step("A person not in the phone's contacts", groups.add(group, stranger),
                OutcomeKind.NOT_IN_CONTACTS));

        whatsapp.failNext(Operation.ADD, 2, FakeFault.unavailable());
        long before = time.nanoTime();
        step("The provider fails twice, then answers (retried with backoff)",
                groups.add(group, Member.phone("+7 900 000-00-04")), OutcomeKind.ADDED);
        out.printf("      waited %s of provider time%n", seconds(time.nanoTime() - before));

        whatsapp.failNext(Operation.ADD, 1, FakeFault.rateLimited(Duration.ofSeconds(31)));
        before = time.nanoTime();
        step("The provider says: wait 31 s (waited out, then added)",
                groups.add(group, Member.phone("+7 900 000-00-05")), OutcomeKind.ADDED);
        out.printf("      waited %s of provider time%n", seconds(time.nanoTime() - before));

        whatsapp.failNext(Operation.ADD, 1, FakeFault.answerLostAfterApplying());
        step("The answer is lost after sending (settled by listing the group, not resent)",
                groups.add(group, Member.phone("+7 900 000-00-06")), OutcomeKind.ADDED);

        step("Remove a person", groups.remove(group, anna), OutcomeKind.REMOVED);
        step("Remove them again", groups.remove(group, anna), OutcomeKind.NOT_MEMBER);
        step("Get the group's invite link", groups.inviteLink(group), OutcomeKind.INVITE_LINK);

        bulk(groups, whatsapp, group, time);

        out.println();
        if (failures.isEmpty()) {
            out.println("Every step behaved as expected.");
            return 0;
        }
        out.println("Unexpected: " + failures);
        return 1;
    }

    private void bulk(GroupMembership groups, FakeProvider whatsapp, GroupRef group, VirtualTime time) {
        List<Member> people = IntStream.range(0, 500)
                .<Member>mapToObj(i -> Member.phone(String.format("+7 901 %03d-%02d-%02d", i / 10_000, i / 100 % 100, i % 100)))
                .toList();
        for (int i = 0; i < people.size(); i += 50) {
            whatsapp.person(people.get(i)).privacyRestricted();
        }
        for (int i = 7; i < people.size(); i += 100) {
            whatsapp.person(people.get(i)).noAccount();
        }
        out.println();
        out.println("Bulk: adding 500 people, paced to 10 adds per second");
        long start = time.nanoTime();
        BulkReport report = groups.addAll(group, people, BulkOptions.defaults().onProgress(p -> {
            if (p.done() % 50 == 0 || p.done() == p.total()) {
                int filled = p.done() * 30 / p.total();
                out.printf("  [%s%s] %3d/%d  %.1f/s  ETA %s%n", "#".repeat(filled), ".".repeat(30 - filled), p.done(),
                        p.total(), p.perSecond(), p.eta().map(d -> d.toSeconds() + " s").orElse("-"));
            }
        }));
        out.printf("  done in %s of provider time (simulated, so it took no real time)%n", seconds(time.nanoTime() - start));
        out.println("  outcome              count");
        for (Map.Entry<OutcomeKind, Integer> e : report.counts().entrySet()) {
            out.printf("  %-20s %5d%n", e.getKey(), e.getValue());
        }
        check(report.total() == 500 && report.count(OutcomeKind.ADDED) == 485
                        && report.count(OutcomeKind.PRIVACY_RESTRICTED) == 10
                        && report.count(OutcomeKind.NOT_REGISTERED) == 5,
                "bulk counts " + report.counts());
    }

    private <T extends Outcome> T step(String title, T outcome, OutcomeKind expected) {
        boolean ok = outcome.kind() == expected;
        out.printf("%s %s%n      -> %s (%s)%n", ok ? "[ok]" : "[!!]", title, outcome.kind(), outcome.detail());
        if (!outcome.isSuccess()) {
            out.println("      what to do: " + outcome.remedy());
        }
        check(ok, title + ": expected " + expected + ", got " + outcome.kind());
        return outcome;
    }

    private void expectLinkSent(AddResult outcome) {
        if (outcome instanceof LinkFallback refusal && refusal.inviteLink().isPresent()) {
            out.println("      invite link " + refusal.inviteLink().get().url()
                    + (refusal.inviteSent() ? " sent to the person" : " attached"));
            check(refusal.inviteSent(), "the invite link should have been sent");
        } else {
            check(false, "expected an invite link on " + outcome.kind());
        }
    }

    private static String seconds(long nanos) {
        return String.format("%.1f s", nanos / 1e9);
    }

    private void check(boolean ok, String what) {
        if (!ok) {
            failures.add(what);
        }
    }
}
