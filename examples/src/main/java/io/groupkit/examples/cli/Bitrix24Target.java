package io.groupkit.examples.cli;

import org.jspecify.annotations.Nullable;
import io.groupkit.bitrix24.Bitrix24;
import io.groupkit.bitrix24.Bitrix24Client;
import io.groupkit.bitrix24.CrmChat;
import io.groupkit.bitrix24.CrmEntityType;
import io.groupkit.bitrix24.ImChat;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.Outcome;
import io.groupkit.core.Policies;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.Unsupported;
import io.groupkit.core.policy.TokenBucketRateLimiter;
import io.groupkit.testkit.time.VirtualTime;
import io.groupkit.testkit.bitrix24.Bitrix24Simulator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Bitrix24: messenger chats ({@code chat:501}) or a CRM item's open-line chat ({@code deal:42}); people are user ids. */
final class Bitrix24Target implements Target {
    private static final long BOT = 1;

    @Override
    public String name() {
        return "bitrix24";
    }

    @Override
    public List<String> credentialKeys() {
        return List.of("B24_WEBHOOK");
    }

    @Override
    public String groupExample() {
        return "chat:501 (a messenger chat) or deal:42, lead:7, contact:9, company:3 (a CRM item's chat)";
    }

    @Override
    public GroupRef group(String text) throws Usage {
        String[] parts = text.strip().toLowerCase(Locale.ROOT).split(":");
        try {
            if (parts.length == 2) {
                long id = Long.parseLong(parts[1]);
                if (parts[0].equals("chat")) {
                    return ImChat.of(id);
                }
                return CrmChat.of(CrmEntityType.valueOf(parts[0].toUpperCase(Locale.ROOT)), id);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the message below
        }
        throw new Usage("expected a Bitrix24 chat such as " + groupExample());
    }

    @Override
    public String write(GroupRef group) {
        if (group instanceof ImChat chat) {
            return "chat:" + chat.chatId();
        }
        if (group instanceof CrmChat crm) {
            return crm.type().name().toLowerCase(Locale.ROOT) + ":" + crm.entityId();
        }
        return group.key();
    }

    @Override
    public Member person(String text, @Nullable String region) throws Usage {
        if (!text.strip().matches("[0-9]{1,19}")) {
            throw new Usage("expected a Bitrix24 user id (digits)");
        }
        return Target.parse(text, "id", null);
    }

    @Override
    public Connection connect(Map<String, String> credentials) throws Usage {
        try {
            Bitrix24Client client = Bitrix24.webhook(credentials.get("B24_WEBHOOK")).build();
            // The host only: the webhook's path holds its secret code.
            return new Connection(client, group -> check(client, group), () -> { })
                    .at(java.net.URI.create(credentials.get("B24_WEBHOOK").strip()).getHost());
        } catch (IllegalArgumentException e) {
            throw new Usage(e.getMessage());
        }
    }

    /** Bitrix24 has no call that only checks a webhook: listing a chat's members proves it works. */
    private static Outcome check(Bitrix24Client client, Optional<GroupRef> group) {
        return group.<Outcome>map(client::members).orElseGet(() -> new Unsupported(ProviderDetail.of("bitrix24", "NO_CHAT")
                .withDescription("Bitrix24 has no call that only checks credentials")
                .withRemedy("Give a chat: groupkit bitrix24 check chat:501 lists its members with these credentials.")));
    }

    @Override
    public Connection simulate(GroupRef group, List<Member> people) {
        VirtualTime time = VirtualTime.create();
        Bitrix24Simulator sim = Bitrix24Simulator.start(time);
        sim.users(BOT).crmAccess(BOT);
        // A few chats for `groups` to list: one the bot owns, one where it is a plain member.
        sim.chat(501, BOT).title(501, "Sales team").chat(502, 7, BOT).title(502, "Support");
        for (Member m : people) {
            sim.users(Long.parseLong(m.value()));
        }
        if (group instanceof ImChat chat) {
            sim.chat(chat.chatId(), BOT);
        } else if (group instanceof CrmChat crm) {
            sim.crmChat(crm.type().name().toLowerCase(Locale.ROOT), crm.entityId(), 900_000 + crm.entityId(), BOT);
        }
        Bitrix24Client client = Bitrix24.webhook(sim.webhook(BOT, "simulator-code"))
                .policies(Policies.builder().time(time).rateLimiter(new TokenBucketRateLimiter()).build()).build();
        return new Connection(client, g -> check(client, g), sim);
    }
}
