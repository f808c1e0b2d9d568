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
import java.util.function.UnaryOperator;
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
    public Connection connect(Map<String, String> credentials, UnaryOperator<Policies.Builder> tune) throws Usage {
        try {
            Bitrix24Client client = Bitrix24.webhook(credentials.get("B24_WEBHOOK"))
                    .policies(tune.apply(Policies.builder()).build()).build();
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

    /**
     * A portal seeded with the world: its users, chats (owner, members) and inactive users; the
     * webhook is user 1's (the bot), with CRM access. The portal's bucket (50 requests, 2 a second)
     * is enforced. In-process, the command's people the world does not name are made as users,
     * unless the world says they have no account.
     */
    private static Bitrix24Simulator seeded(SimulatorWorld world, io.groupkit.core.time.TimeSource time, List<Member> people)
            throws Usage {
        Bitrix24Simulator sim = Bitrix24Simulator.start(time);
        sim.users(BOT).crmAccess(BOT);
        java.util.Set<Long> none = new java.util.HashSet<>();
        for (com.fasterxml.jackson.databind.JsonNode u : world.list("bitrix24", "noAccount")) {
            none.add(world.number(u, "bitrix24.noAccount"));
        }
        for (com.fasterxml.jackson.databind.JsonNode u : world.list("bitrix24", "users")) {
            sim.users(world.number(u, "bitrix24.users"));
        }
        for (com.fasterxml.jackson.databind.JsonNode c : world.list("bitrix24", "chats")) {
            long id = c.get("id").asLong();
            List<Long> members = new java.util.ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode m : c.path("members")) {
                members.add(world.number(m, "bitrix24.chats.members"));
            }
            sim.chat(id, c.get("owner").asLong(), members.stream().mapToLong(Long::longValue).toArray());
            if (c.has("title")) {
                sim.title(id, c.get("title").asText());
            }
        }
        for (com.fasterxml.jackson.databind.JsonNode u : world.list("bitrix24", "inactive")) {
            sim.users(world.number(u, "bitrix24.inactive")).inactive(u.asLong());
        }
        for (Member m : people) {
            long id = Long.parseLong(m.value());
            if (!none.contains(id)) {
                sim.users(id); // an existing user (or an inactive one) stays as the world has them
            }
        }
        return sim;
    }

    @Override
    public Connection simulate(SimulatorWorld world, List<Member> people, UnaryOperator<Policies.Builder> tune)
            throws Usage {
        VirtualTime time = VirtualTime.create();
        Bitrix24Simulator sim = seeded(world, time, people);
        Bitrix24Client client = Bitrix24.webhook(sim.webhook(BOT, "simulator-code"))
                .policies(tune.apply(Policies.builder().time(time).rateLimiter(new TokenBucketRateLimiter())).build()).build();
        return new Connection(client, g -> check(client, g), sim);
    }

    @Override
    public Shared share(SimulatorWorld world) throws Usage {
        Bitrix24Simulator sim = seeded(world, io.groupkit.core.time.TimeSource.system(), List.of());
        return new Shared(Map.of("webhook", sim.webhook(BOT, "simulator-code")), sim.url(), sim);
    }

    @Override
    public Connection attach(com.fasterxml.jackson.databind.JsonNode state, Map<String, String> env,
                             UnaryOperator<Policies.Builder> tune) throws Usage {
        if (!state.path("webhook").isTextual()) {
            throw new Usage("the running simulator's state has no Bitrix24 webhook: start it again");
        }
        Bitrix24Client client = Bitrix24.webhook(state.get("webhook").asText())
                .policies(tune.apply(Policies.builder()).build()).build();
        return new Connection(client, g -> check(client, g), () -> { })
                .at(java.net.URI.create(state.get("webhook").asText()).getAuthority());
    }
}
