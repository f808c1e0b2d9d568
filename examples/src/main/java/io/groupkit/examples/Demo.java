package io.groupkit.examples;

import io.groupkit.bitrix24.Bitrix24;
import io.groupkit.bitrix24.Bitrix24Client;
import io.groupkit.bitrix24.CrmChat;
import io.groupkit.bitrix24.CrmEntityType;
import io.groupkit.bitrix24.ImChat;
import io.groupkit.core.AddResult;
import io.groupkit.core.BulkOptions;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupInfo;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Groups;
import io.groupkit.core.GroupsResult;
import io.groupkit.core.LinkFallback;
import io.groupkit.core.Member;
import io.groupkit.core.NotAdded;
import io.groupkit.core.Outcome;
import io.groupkit.core.OutcomeKind;
import io.groupkit.core.Policies;
import io.groupkit.core.PrivacyRestricted;
import io.groupkit.core.Redaction;
import io.groupkit.core.events.InvitationState;
import io.groupkit.core.events.Invitations;
import io.groupkit.core.events.Joined;
import io.groupkit.core.events.MembershipStore;
import io.groupkit.core.events.MembershipWatch;
import io.groupkit.core.events.WatchListener;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.policy.TokenBucketRateLimiter;
import io.groupkit.testkit.time.VirtualTime;
import io.groupkit.greenapi.GreenApi;
import io.groupkit.greenapi.GreenApiClient;
import io.groupkit.greenapi.GreenApiProduct;
import io.groupkit.telegram.Telegram;
import io.groupkit.telegram.TelegramClient;
import io.groupkit.telegram.TelegramGroup;
import io.groupkit.telegram.TelegramSession;
import io.groupkit.testkit.telegram.ServerFault;
import io.groupkit.testkit.telegram.TelegramSimulator;
import io.groupkit.testkit.bitrix24.Bitrix24Simulator;
import io.groupkit.testkit.greenapi.GreenApiSimulator;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Walks through the situations of real group work against the embedded Green-API and Bitrix24
 * simulators (real HTTP on loopback), printing each outcome and what to do about it. No account,
 * no network; provider time is simulated, so pacing and waits cost nothing. Exits with 0 when
 * every step behaved as expected.
 */
public final class Demo {
    private static final String INSTANCE = "1101000001";
    private static final String TOKEN = "demo-token";
    private static final String GROUP_ID = "120363043968066561@g.us";
    private static final String MAX_INSTANCE = "3100000001";
    private static final String MAX_GROUP_ID = "-1001234567890";

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
        try (GreenApiSimulator sim = GreenApiSimulator.start(time)) {
            GreenApiSimulator.Instance phone = sim.instance(INSTANCE, TOKEN).group(GROUP_ID).contactsOnly()
                    .subject(GROUP_ID, "Customers").group("120363000000000888@g.us").subject("120363000000000888@g.us",
                            "Neighbours (a community)").community("120363000000000888@g.us");
            GreenApiClient whatsapp = GreenApi.builder().apiUrl(sim.url()).instance(INSTANCE, TOKEN)
                    .policies(Policies.builder().time(time).inviteFallback(InviteFallback.ATTACH_AND_SEND).build())
                    .build();
            GroupRef group = GroupRef.of(GROUP_ID);
            // The phone's address book, as it is before the work starts.
            List<Member> bulkPeople = IntStream.range(0, 500)
                    .<Member>mapToObj(i -> contact(phone, String.format("+7 901 000-%02d-%02d", i / 100, i % 100)))
                    .toList();
            Member anna = contact(phone, "+7 900 123-45-68");
            Member shy = contact(phone, "+7 900 000-00-02");
            Member restarting = contact(phone, "+7 900 000-00-04");
            Member dropped = contact(phone, "+7 900 000-00-05");
            Member elsewhere = contact(phone, "+7 900 000-00-06");
            List<Member> late = List.of(contact(phone, "+7 902 000-00-01"), contact(phone, "+7 902 000-00-02"));

            out.println("GroupKit demo: WhatsApp through the embedded Green-API simulator (" + sim.url() + ")");
            out.println("Provider time is simulated: waits and pacing take no real time.");
            out.println();

            GroupsResult groups = step("The groups the number is in, to connect one (getChats, sorted by title)",
                    whatsapp.groups(), OutcomeKind.GROUPS);
            listGroups(groups);
            step("Add a person by phone", whatsapp.add(group, anna), OutcomeKind.ADDED);
            maxAdd(sim, time);
            step("Add the same person again (WhatsApp says a bare false; the group's data explains it)",
                    whatsapp.add(group, anna), OutcomeKind.ALREADY_MEMBER);

            phone.withoutWhatsapp("79000000001");
            step("A number without WhatsApp (caught by checkWhatsapp, never sent: adding it could ban the number)",
                    whatsapp.add(group, Member.phone("+7 900 000-00-01")), OutcomeKind.NOT_REGISTERED);

            Member stranger = Member.phone("+7 900 000-00-03");
            expectLinkSent(step("A person not in the phone's contacts", whatsapp.add(group, stranger),
                    OutcomeKind.NOT_IN_CONTACTS));

            phone.refusing(shy.value());
            AddResult refused = step("A person WhatsApp will not add, for a reason it does not tell",
                    whatsapp.add(group, shy), OutcomeKind.NOT_ADDED);
            if (refused instanceof NotAdded n) {
                n.possibleReasons().forEach(reason -> out.println("      possible: " + reason.description()));
            }
            expectLinkSent(refused);

            phone.failNext("addGroupParticipant", 2,
                    GreenApiSimulator.Fault.answer(400, "instance in starting process try later"));
            long before = time.nanoTime();
            step("The instance is restarting twice, then answers (retried with backoff)",
                    whatsapp.add(group, restarting), OutcomeKind.ADDED);
            out.printf("      waited %s of provider time%n", seconds(time.nanoTime() - before));

            phone.failNext("addGroupParticipant", 1, GreenApiSimulator.Fault.dropConnection());
            step("The connection drops after sending (the group is listed before anything is resent)",
                    whatsapp.add(group, dropped), OutcomeKind.ADDED);

            step("Remove a person", whatsapp.remove(group, anna), OutcomeKind.REMOVED);
            step("Remove them again", whatsapp.remove(group, anna), OutcomeKind.NOT_MEMBER);
            step("Get the group's invite link", whatsapp.inviteLink(group), OutcomeKind.INVITE_LINK);
            step("Add to a community, not a group (getGroupData's isCommunity; nothing sent)",
                    whatsapp.add(GroupRef.of("120363000000000888@g.us"), anna), OutcomeKind.UNSUPPORTED);
            step("Add to a group the number is not in (getGroupData answers \"Error: item-not-found\"; nothing sent)",
                    whatsapp.add(GroupRef.of("120363000000000999@g.us"), anna), OutcomeKind.NOT_FOUND);

            phone.group("120363000000000777@g.us").notAdminOf("120363000000000777@g.us");
            step("Add to a group where the instance is no admin",
                    whatsapp.add(GroupRef.of("120363000000000777@g.us"), elsewhere),
                    OutcomeKind.ACCESS_DENIED);

            bulk(whatsapp, phone, group, time, bulkPeople);

            phone.state("yellowCard");
            time.advance(java.time.Duration.ofMinutes(1));
            BulkReport stopped = whatsapp.addAll(group, late);
            out.println();
            step("A minute later WhatsApp gives the number a yellow card: bulk work stops before sending",
                    stopped.stoppedBy().orElseThrow(), OutcomeKind.SPAM_LIMITED);
            out.printf("      %d of %d people kept for later, none sent%n", stopped.notAttempted().size()
                    + stopped.count(OutcomeKind.SPAM_LIMITED), stopped.total());
            check(stopped.succeeded() == 0, "nobody may be added under a yellow card");
        }
        whoJoined();
        bitrix24(time);
        telegram(time);
        telegramPersonalLink();
        telegramBot();
        out.println();
        if (failures.isEmpty()) {
            out.println("Every step behaved as expected.");
            return 0;
        }
        out.println("Unexpected: " + failures);
        return 1;
    }

    /**
     * The same add on MAX: a MAX instance on the same simulator, reached under {@code /v3/}; a phone
     * (Russian or Belarusian only) is looked up with checkAccount and added by the MAX id it gives.
     */
    private void maxAdd(GreenApiSimulator sim, VirtualTime time) {
        GreenApiSimulator.Instance max = sim.instance(MAX_INSTANCE, TOKEN, GreenApiSimulator.Product.MAX).group(MAX_GROUP_ID)
                .account("79007654321", "10000042");
        GreenApiClient maxClient = GreenApi.builder().product(GreenApiProduct.MAX).apiUrl(sim.url())
                .instance(MAX_INSTANCE, TOKEN).policies(Policies.builder().time(time).build()).build();
        step("The same add on MAX (checkAccount gives the phone's MAX id; group " + MAX_GROUP_ID + ")",
                maxClient.add(GroupRef.of(MAX_GROUP_ID), Member.phone("+7 900 765-43-21")), OutcomeKind.ADDED);
        check(max.members(MAX_GROUP_ID).contains("10000042"), "the MAX group should list the person's MAX id");
    }

    private void bulk(GreenApiClient whatsapp, GreenApiSimulator.Instance phone, GroupRef group, VirtualTime time,
                      List<Member> people) {
        for (int i = 0; i < people.size(); i += 50) {
            phone.refusing(people.get(i).value());
        }
        for (int i = 7; i < people.size(); i += 100) {
            phone.withoutWhatsapp(people.get(i).value());
        }
        out.println();
        out.println("Bulk: adding 500 people, paced below Green-API's 10 adds per second; the look-ups that explain");
        out.println("refusals keep their own 1-per-second limits, and simulated time runs the calls one at a time");
        long start = time.nanoTime();
        // One call at a time, as simulated time cannot overlap them anyway.
        BulkReport report = whatsapp.addAll(group, people, BulkOptions.defaults().concurrency(1).onProgress(p -> {
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
                        && report.count(OutcomeKind.NOT_ADDED) == 10 && report.count(OutcomeKind.NOT_REGISTERED) == 5,
                "bulk counts " + report.counts());
    }

    /**
     * The loop closed: a person WhatsApp will not add is sent the group's link, the invitation is
     * recorded, a watch of the group sees them join by it 3 s later. Its own simulator and clock;
     * the watch's turns run on this thread, one by one, so the clock only moves when the demo says.
     */
    private void whoJoined() {
        VirtualTime time = VirtualTime.create();
        String shyDigits = "79000000007";
        try (GreenApiSimulator sim = GreenApiSimulator.start(time);
             MembershipStore store = MembershipStore.inMemory()) {
            GreenApiSimulator.Instance phone = sim.instance(INSTANCE, TOKEN).group(GROUP_ID, "79000000010@c.us")
                    .contacts(shyDigits).refusing(shyDigits);
            GreenApiClient whatsapp = GreenApi.builder().apiUrl(sim.url()).instance(INSTANCE, TOKEN)
                    .policies(Policies.builder().time(time).inviteFallback(InviteFallback.ATTACH_AND_SEND)
                            .invitations(store).build())
                    .build();
            GroupRef group = GroupRef.of(GROUP_ID);
            out.println();
            out.println("Who joined? The invite link sent to a refused person, and a watch that sees them come in by it");
            Turns turns = new Turns();
            List<String> joined = new ArrayList<>();
            // A listing every 3 s: the pause is an alarm of the demo's clock, rung when the demo moves it.
            java.util.concurrent.atomic.AtomicInteger listings = new java.util.concurrent.atomic.AtomicInteger();
            MembershipWatch watch = watchJoinsByInvitation(whatsapp, group, store, turns, java.time.Duration.ofSeconds(3),
                    listings, j -> {
                        joined.add(j.member().toString());
                        out.printf("[ok] The watch: JOINED %s, joined by invitation after %d s (%s, between two"
                                        + " getGroupData listings)%n", Redaction.maskDigitRuns(j.member().value()),
                                j.afterInvitation().orElseThrow().toSeconds(), j.how());
                    });
            turns.runUntil(() -> listings.get() == 1);
            out.println("[ok] A watch of the group starts: its first listing is the baseline (nothing to report)");
            AddResult refused = step("Add a person WhatsApp will not add (their privacy settings, most likely)",
                    whatsapp.add(group, Member.phone("+" + shyDigits)), OutcomeKind.NOT_ADDED);
            expectLinkSent(refused);
            java.time.Instant invited = whatsapp.invitations(store).toGroup(group).get(0).invitedAt();
            out.println("      invitation recorded in the store (MembershipStore; a directory or PostgreSQL in production)");
            time.advance(java.time.Duration.between(time.now(), invited.plusSeconds(3)));
            phone.joins(GROUP_ID, shyDigits + "@c.us");
            out.println("      3 s later they open the link and join (the simulator's joins(group, chatId))");
            turns.runUntil(() -> !joined.isEmpty());
            closeOn(turns, watch);
            Map<InvitationState, Integer> counts = Invitations.count(whatsapp.invitations(store).toGroup(group), time.now());
            out.printf("%s The invitation is closed: %d joined, %d pending%n", counts.get(InvitationState.JOINED) == 1
                    ? "[ok]" : "[!!]", counts.get(InvitationState.JOINED), counts.get(InvitationState.PENDING));
            check(joined.size() == 1 && counts.get(InvitationState.JOINED) == 1, "the join by invitation, once");
        }
    }

    /**
     * Telegram's personal links: a person who cannot be added gets a link of their own (one use, a
     * week, titled with them masked), recorded as their invitation; they join through it, a forward
     * of it lets nobody else in, and a watch following the supergroup's admin log reports the join by
     * invitation, at its time and by its link.
     */
    private void telegramPersonalLink() {
        VirtualTime time = VirtualTime.create();
        long channel = 7101;
        try (TelegramSimulator dc = TelegramSimulator.start(time); MembershipStore store = MembershipStore.inMemory()) {
            dc.supergroup(channel).user(120, "member_120", "12015550120").user(121, "member_121", null)
                    .privacy(120, TelegramSimulator.Privacy.RESTRICTED);
            TelegramGroup group = TelegramGroup.supergroup(channel, dc.channelAccessHash(channel));
            try (TelegramClient telegram = Telegram.builder().session(TelegramSession.fromTelethon(dc.sessionString()))
                    .apiId(1).policies(Policies.builder().time(time).inviteFallback(InviteFallback.ATTACH_LINK)
                            .invitations(store).build()).build()) {
                out.println();
                out.println("Telegram personal invite links: a link for one person, and who came in by it");
                Turns turns = new Turns();
                List<String> joined = new ArrayList<>();
                java.util.concurrent.atomic.AtomicInteger listings = new java.util.concurrent.atomic.AtomicInteger();
                MembershipWatch watch = watchJoinsByInvitation(telegram, group, store, turns,
                        java.time.Duration.ofSeconds(4), listings, j -> {
                            joined.add(j.member().value());
                            out.printf("[ok] The watch: JOINED user %s, joined by invitation after %d s (%s)%n",
                                    j.member().value(), j.afterInvitation().orElseThrow().toSeconds(), j.how());
                        });
                turns.runUntil(() -> listings.get() == 1);
                AddResult refused = step("Add a person whose privacy refuses adds: the fallback makes them their own link",
                        telegram.add(group, Member.username("member_120")), OutcomeKind.PRIVACY_RESTRICTED);
                String link = refused instanceof PrivacyRestricted p && p.inviteLink().isPresent()
                        ? p.inviteLink().get().url() : "";
                TelegramSimulator.InviteLinkInfo made = dc.inviteLink(link).orElseThrow();
                out.printf("      %s: \"%s\", usage limit %d, expires %s%n", link, made.title().orElse(""),
                        made.usageLimit(), java.time.Instant.ofEpochSecond(made.expireDate()));
                step("Ask for their link again: the same link while it works (messages.getExportedChatInvite)",
                        telegram.inviteLink(group, Member.username("member_120")), OutcomeKind.INVITE_LINK);
                java.time.Instant invited = telegram.invitations(store).toGroup(group).get(0).invitedAt();
                time.advance(java.time.Duration.between(time.now(), invited.plusSeconds(3)));
                boolean in = dc.join(link, 120);
                out.println("      3 s later they open it and join (the fake data centre's joinByLink); the watch reads"
                        + " the supergroup's admin log on its next turn: Telegram's own record, with the link used");
                time.advance(watch.pause());
                turns.runUntil(() -> !joined.isEmpty());
                java.util.Optional<String> forwarded = dc.joinByLink(link, 121);
                out.printf("%s A forward of the link lets nobody else in: %s; the link was used %d of %d times%n",
                        forwarded.isPresent() ? "[ok]" : "[!!]", forwarded.orElse("joined!"),
                        dc.inviteLink(link).orElseThrow().usage(), made.usageLimit());
                check(in && forwarded.isPresent() && joined.equals(List.of("120")), "the personal link's one use");
                closeOn(turns, watch);
            }
        }
    }

    /**
     * A Telegram bot (the Bot API): it cannot add anyone, so an add ends in the person's own link
     * (one use, recorded as their invitation); they join through it, Telegram tells the bot in a
     * {@code chat_member} update that names the link, and the watch reports the join by invitation.
     */
    private void telegramBot() {
        VirtualTime time = VirtualTime.create();
        long chat = -1003000000101L;
        try (io.groupkit.testkit.telegrambot.BotApiSimulator api = io.groupkit.testkit.telegrambot.BotApiSimulator.start(time);
             MembershipStore store = MembershipStore.inMemory()) {
            api.user(130, "member_130").user(131, null).user(132, null).supergroup(chat, 130);
            io.groupkit.telegram.bot.TelegramBotChat group = io.groupkit.telegram.bot.TelegramBotChat.of(chat);
            try (io.groupkit.telegram.bot.TelegramBotClient bot = io.groupkit.telegram.bot.TelegramBot.builder()
                    .token(api.token()).apiUrl(api.apiUrl()).policies(Policies.builder().time(time)
                            .inviteFallback(InviteFallback.ATTACH_LINK).invitations(store).build()).build()) {
                out.println();
                out.println("A Telegram bot through the Bot API (the embedded simulator, " + api.apiUrl()
                        + "): it adds nobody, it hands out links");
                java.util.concurrent.CompletableFuture<Joined> joined = new java.util.concurrent.CompletableFuture<>();
                // Run on the thread that delivers (no pool): the demo only waits for the one join.
                try (MembershipWatch watch = bot.watch().groups(group).store(store).executor(Runnable::run)
                        .interval(java.time.Duration.ofSeconds(1)).start(event -> {
                            if (event instanceof Joined j && j.byInvitation()) {
                                joined.complete(j);
                            } else {
                                out.println("[!!] The watch: " + event);
                                check(false, "unexpected event " + event.kind());
                            }
                        })) {
                    // A new watch starts from now: its first getUpdates marks "now", so the join must come after it.
                    until(() -> api.calls().contains("getUpdates"), () -> { });
                    AddResult refused = step("Add a person: a bot cannot, so the fallback makes them their own link"
                            + " (createChatInviteLink, member_limit 1)", bot.add(group, Member.userId(131)), OutcomeKind.NOT_ADDED);
                    String link = refused instanceof LinkFallback f && f.inviteLink().isPresent()
                            ? f.inviteLink().get().url() : "";
                    api.link(link).ifPresent(made -> out.printf("      %s: \"%s\", member limit %d%n", link,
                            made.name().orElse(""), made.memberLimit()));
                    java.time.Instant invited = bot.invitations(store).toGroup(group).get(0).invitedAt();
                    time.advance(java.time.Duration.between(time.now(), invited.plusSeconds(3)));
                    java.util.Optional<String> in = api.joinByLink(link, 131);
                    out.println("      3 s later they open it and join; Telegram sends the bot a chat_member update"
                            + " naming the link, which the watch reads with getUpdates");
                    // Each turn waits for the watch's pause on the simulated clock.
                    until(joined::isDone, () -> time.advance(watch.pause()));
                    Joined j = joined.getNow(null);
                    if (j != null) {
                        out.printf("[ok] The watch: JOINED user %s, joined by invitation after %d s (%s)%n",
                                j.member().value(), j.afterInvitation().orElseThrow().toSeconds(), j.how());
                    }
                    java.util.Optional<String> forwarded = api.joinByLink(link, 132);
                    out.printf("%s A forward of the link lets nobody else in: %s%n", forwarded.isPresent() ? "[ok]" : "[!!]",
                            forwarded.orElse("joined!"));
                    check(in.isEmpty() && forwarded.isPresent() && j != null && j.member().value().equals("131"),
                            "the bot's personal link");
                }
            }
        }
    }

    /**
     * Waits (at most 10 s of real time) until the condition holds, doing {@code step} between
     * looks: the bot's calls are answered on the HTTP client's threads.
     */
    private void until(java.util.function.BooleanSupplier done, Runnable step) {
        long bound = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > bound) {
                check(false, "the bot's watch did not get there within 10 s");
                return;
            }
            step.run();
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    /**
     * A watch of one group whose turns run on {@code turns}, counting its listings: a join by
     * invitation goes to {@code joined}, any other event fails the demo.
     */
    private MembershipWatch watchJoinsByInvitation(io.groupkit.core.GroupMembership client, GroupRef group,
                                                   MembershipStore store, Turns turns, java.time.Duration interval,
                                                   java.util.concurrent.atomic.AtomicInteger listings,
                                                   java.util.function.Consumer<Joined> joined) {
        return client.watch().groups(group).store(store).executor(turns).interval(interval)
                .listener(new WatchListener() {
                    @Override
                    public void listed(GroupRef g, int members, int events, java.time.Duration took) {
                        listings.incrementAndGet();
                    }
                })
                .start(event -> {
                    if (event instanceof Joined j && j.byInvitation()) {
                        joined.accept(j);
                    } else {
                        out.println("[!!] The watch: " + event);
                        check(false, "unexpected event " + event.kind());
                    }
                });
    }

    /** Closes a watch whose turns run on {@code turns}: its last turn has to run for close() to return. */
    private static void closeOn(Turns turns, MembershipWatch watch) {
        Thread closing = new Thread(watch::close, "demo-watch-close");
        closing.start();
        while (closing.isAlive()) {
            turns.runOne(java.time.Duration.ofMillis(20));
        }
    }

    /** An executor whose tasks run when the demo runs them, on its own thread. */
    private static final class Turns implements java.util.concurrent.Executor {
        private final java.util.concurrent.LinkedBlockingQueue<Runnable> queue = new java.util.concurrent.LinkedBlockingQueue<>();

        @Override
        public void execute(Runnable task) {
            queue.add(task);
        }

        void runUntil(java.util.function.BooleanSupplier done) {
            while (!done.getAsBoolean()) {
                if (!runOne(java.time.Duration.ofSeconds(10))) {
                    throw new IllegalStateException("the watch did nothing for 10 s");
                }
            }
        }

        boolean runOne(java.time.Duration wait) {
            try {
                Runnable task = queue.poll(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                if (task != null) {
                    task.run();
                }
                return task != null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The seed's Bitrix24 situation: a bot that is not the chat's owner, and the fix. */
    private void bitrix24(VirtualTime time) {
        long bot = 1;
        long owner = 55;
        long chat = 900;
        try (Bitrix24Simulator portal = Bitrix24Simulator.start(time)) {
            portal.users(bot, owner).chat(chat, owner, bot).crmChat("deal", 42, 777, bot).crmAccess(bot)
                    .title(chat, "Sales team").title(777, "Deal 42: WhatsApp open line");
            for (long u = 100; u < 300; u++) {
                portal.users(u);
            }
            Policies policies = Policies.builder().time(time).rateLimiter(new TokenBucketRateLimiter()).build();
            Bitrix24Client asBot = Bitrix24.webhook(portal.webhook(bot, "bot-webhook-code")).policies(policies).build();
            Bitrix24Client asOwner = Bitrix24.webhook(portal.webhook(owner, "owner-webhook-code")).policies(policies).build();
            out.println();
            out.println("Bitrix24 through the embedded portal simulator (" + portal.url() + ")");
            step("Add an employee to a deal's open-line chat (imopenlines.crm.chat.user.add)",
                    asBot.add(CrmChat.of(CrmEntityType.DEAL, 42), Member.userId(100)), OutcomeKind.ADDED);
            step("The bot adds someone to a chat it does not own",
                    asBot.add(ImChat.of(chat), Member.userId(101)), OutcomeKind.ACCESS_DENIED_EXTEND);
            step("The chat's owner makes the bot the owner (im.chat.setOwner)",
                    asOwner.setOwner(ImChat.of(chat), Member.userId(bot)), OutcomeKind.DONE);
            step("The bot tries again", asBot.add(ImChat.of(chat), Member.userId(101)), OutcomeKind.ADDED);
            portal.inactive(102);
            step("A dismissed employee (Bitrix24 answers true and adds nobody: the chat is read back)",
                    asBot.add(ImChat.of(chat), Member.userId(102)), OutcomeKind.NOT_REGISTERED);
            listGroups(step("The chats the bot is in (im.recent.list, paged)", asBot.groups(), OutcomeKind.GROUPS));
            List<Member> team = java.util.stream.LongStream.range(150, 270).<Member>mapToObj(Member::userId).toList();
            BulkReport report = asBot.addAll(ImChat.of(chat), team, BulkOptions.defaults().concurrency(1));
            out.printf("[%s] Bulk: 120 employees in %d batch requests -> %s%n",
                    report.count(OutcomeKind.ADDED) == 120 ? "ok" : "!!", portal.requests("batch").size(), report.counts());
            check(report.count(OutcomeKind.ADDED) == 120 && portal.requests("batch").size() == 3, "Bitrix24 bulk " + report.counts());
        }
    }

    /** Telegram's ways of saying no, on the fake MTProto server. */
    private void telegram(VirtualTime time) {
        long channel = 7001;
        try (TelegramSimulator dc = TelegramSimulator.start(time)) {
            dc.supergroup(channel).title(channel, "Customers 2026").basicGroup(5001).title(5001, "Support team")
                    .broadcastChannel(7009);
            for (long u = 100; u < 140; u++) {
                dc.user(u, "member_" + u, String.format("1201555%04d", u));
            }
            dc.privacy(101, TelegramSimulator.Privacy.PREMIUM_WOULD_ALLOW_INVITE);
            TelegramGroup group = TelegramGroup.supergroup(channel, dc.channelAccessHash(channel));
            out.println();
            out.println("Telegram without Python: a new auth key and a login with two-step verification, in Java");
            TelegramSession session = newSession(dc, time);
            try (TelegramClient telegram = Telegram.builder().session(session)
                    .policies(Policies.builder().time(time).rateLimiter(new TokenBucketRateLimiter())
                            .inviteFallback(InviteFallback.ATTACH_LINK).build())
                    .build()) {
                out.println("Telegram over MTProto 2.0, on the embedded fake data centre, with that session");
                step("Add a person by username to a supergroup (channels.inviteToChannel)",
                        telegram.add(group, Member.username("member_100")), OutcomeKind.ADDED);
                step("Add them again", telegram.add(group, Member.username("member_100")), OutcomeKind.ALREADY_MEMBER);
                AddResult premium = step("A person whose privacy lets only Premium accounts add them (Telegram answers"
                        + " success, listing a missing invitee)", telegram.add(group, Member.username("member_101")),
                        OutcomeKind.PRIVACY_RESTRICTED);
                if (premium instanceof PrivacyRestricted p) {
                    out.println("      premium_would_allow_invite=" + p.premiumWouldAllowInvite()
                            + ", invite link attached: " + p.inviteLink().map(l -> l.url()).orElse("none"));
                    check(p.premiumWouldAllowInvite() && p.inviteLink().isPresent(), "premium flag and link");
                }
                step("A phone number with no Telegram account (resolved first, never sent)",
                        telegram.add(group, Member.phone("+1 201 555 9999")), OutcomeKind.NOT_REGISTERED);
                dc.fault(new ServerFault.BadServerSalt()).fault(new ServerFault.RpcError(420, "FLOOD_WAIT_12"));
                long before = time.nanoTime();
                step("The server changes its salt, then says FLOOD_WAIT_12 (both handled, the add goes through)",
                        telegram.add(group, Member.username("member_102")), OutcomeKind.ADDED);
                out.printf("      waited %s of provider time%n", seconds(time.nanoTime() - before));
                step("Remove a person from a supergroup (ban, then lift the ban so a link still works)",
                        telegram.remove(group, Member.username("member_100")), OutcomeKind.REMOVED);
                listGroups(step("The account's groups, to connect one (messages.getDialogs: private chats and"
                        + " channels left out)", telegram.groups(), OutcomeKind.GROUPS));
                io.groupkit.core.MembersResult listed = step("List the supergroup's members (channels.getParticipants,"
                        + " page by page)", telegram.members(group), OutcomeKind.MEMBERS);
                if (listed instanceof io.groupkit.core.Members m) {
                    out.println("      " + m.members().stream().map(g -> g.member().value() + " " + g.role())
                            .collect(java.util.stream.Collectors.joining(", ")));
                }
                dc.refuseAdds(115, 400, "PEER_FLOOD");
                List<Member> more = java.util.stream.LongStream.range(110, 130)
                        .<Member>mapToObj(u -> Member.username("member_" + u)).toList();
                before = time.nanoTime();
                BulkReport report = telegram.addAll(group, more, BulkOptions.defaults().concurrency(1));
                out.printf("[%s] Bulk: 20 people, paced to one add per 30 s; PEER_FLOOD at the 6th stops the run"
                                + " after %s of provider time%n      -> %s, %d kept for later%n",
                        report.stoppedBy().isPresent() ? "ok" : "!!", seconds(time.nanoTime() - before), report.counts(),
                        report.notAttempted().size());
                check(report.count(OutcomeKind.ADDED) == 5 && report.notAttempted().size() == 14
                        && report.stoppedBy().map(r -> r.kind() == OutcomeKind.SPAM_LIMITED).orElse(false),
                        "Telegram bulk " + report.counts());
            }
        }
    }

    /**
     * The path a Java-only team takes once: a key made with the data centre (MTProto's DH exchange),
     * the login code, the two-step password checked by SRP; the session is then theirs to store.
     */
    private TelegramSession newSession(TelegramSimulator dc, VirtualTime time) {
        String password = "correct horse battery staple";
        dc.twoStepPassword(password);
        try {
            TelegramSession fresh = io.groupkit.telegram.TelegramKeys.create("127.0.0.1", dc.port(), 2)
                    .trustRsaKey(dc.rsaPublicKeyPem()).time(time).make();
            out.printf("[ok] New auth key made with data centre 2 (req_pq_multi, RSA_PAD, Diffie-Hellman): key id %s%n",
                    Long.toHexString(fresh.authKeyId()));
            TelegramSession session = io.groupkit.telegram.TelegramLogin.builder(1, "0123456789abcdef0123456789abcdef")
                    .dataCentre(2, "127.0.0.1", dc.port()).time(time).build()
                    .login(fresh, "+" + dc.loginPhone(), new io.groupkit.telegram.TelegramLogin.Prompts() {
                        @Override
                        public String code(io.groupkit.telegram.TelegramLogin.CodeRequest request) {
                            out.println("      code sent via " + request.via() + "; the user types what the app shows");
                            return dc.lastLoginCode().orElseThrow();
                        }

                        @Override
                        public char[] password(String hint) {
                            out.println("      SESSION_PASSWORD_NEEDED: the two-step password, checked by SRP (hint: "
                                    + hint + ")");
                            return password.toCharArray();
                        }
                    });
            out.printf("[ok] Logged in as user %d; session.save() gives a gk1: string to keep in a secret store%n",
                    session.userId().orElseThrow());
            check(dc.keysMade() == 1 && session.userId().isPresent(), "a new key and a login");
            return session;
        } catch (io.groupkit.telegram.TelegramSetupException e) {
            check(false, "Telegram key and login: " + e.getMessage());
            return TelegramSession.fromTelethon(dc.sessionString());
        }
    }

    /** A person saved in the instance phone's contacts. */
    private static Member.Phone contact(GreenApiSimulator.Instance phone, String number) {
        Member.Phone p = Member.phone(number);
        phone.contacts(p.digits());
        return p;
    }

    private void listGroups(GroupsResult result) {
        if (result instanceof Groups g) {
            g.groups().forEach(info -> out.printf("      %-28s %s%s%n", info.group().key(), info.title(),
                    info.addRight() == GroupInfo.AddRight.UNKNOWN ? "" : "  (" + (info.addRight() == GroupInfo.AddRight.YES
                            ? "may add people" : "may not add people") + ")"));
        }
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
