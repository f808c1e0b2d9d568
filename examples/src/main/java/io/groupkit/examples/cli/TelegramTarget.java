package io.groupkit.examples.cli;

import org.jspecify.annotations.Nullable;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.Policies;
import io.groupkit.core.policy.TokenBucketRateLimiter;
import io.groupkit.testkit.time.VirtualTime;
import io.groupkit.telegram.SessionStore;
import io.groupkit.telegram.Telegram;
import io.groupkit.telegram.TelegramClient;
import io.groupkit.telegram.TelegramGroup;
import io.groupkit.telegram.TelegramSession;
import io.groupkit.testkit.telegram.TelegramSimulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Telegram: {@code chat:ID} or {@code channel:ID:ACCESS_HASH}; people by @username, +phone or id[:hash]. */
final class TelegramTarget implements Target {
    @Override
    public String name() {
        return "telegram";
    }

    @Override
    public List<String> credentialKeys() {
        return List.of("TELEGRAM_SESSION", "TELEGRAM_API_ID");
    }

    @Override
    public String groupExample() {
        return "chat:5001 (a basic group) or channel:1234567890:ACCESS_HASH (a supergroup)";
    }

    @Override
    public String write(GroupRef group) {
        if (group instanceof TelegramGroup.Supergroup s) {
            return "channel:" + s.channelId() + ":" + s.accessHash();
        }
        return "chat:" + ((TelegramGroup.BasicGroup) group).chatId();
    }

    @Override
    public GroupRef group(String text) throws Usage {
        String[] parts = text.strip().split(":");
        try {
            if (parts.length == 2 && parts[0].equals("chat")) {
                return TelegramGroup.basic(Long.parseLong(parts[1]));
            }
            if (parts[0].equals("channel") && (parts.length == 3 || parts.length == 2)) {
                // Without a hash only the simulator can answer; a real server says CHANNEL_INVALID.
                return TelegramGroup.supergroup(Long.parseLong(parts[1]), parts.length == 3 ? Long.parseLong(parts[2]) : 0);
            }
        } catch (IllegalArgumentException e) {
            throw new Usage("expected a Telegram group such as " + groupExample() + ": " + e.getMessage());
        }
        throw new Usage("expected a Telegram group such as " + groupExample());
    }

    @Override
    public Member person(String text, @Nullable String region) throws Usage {
        String t = text.strip();
        // Bare digits are a user id here; with --region, a number written with spaces, dashes or
        // parentheses (8 (900) 123-45-67) is a national phone number.
        if (t.startsWith("+") || region != null && t.matches("[0-9][0-9 ().-]*[ ().-][0-9 ().-]*[0-9]")) {
            return Target.parse(t, "phone", region);
        }
        if (t.startsWith("@")) {
            return Target.parse(t, "username", null);
        }
        if (t.matches("[0-9]{1,19}(:-?[0-9]{1,19})?")) {
            return Target.parse(t, "id", null);
        }
        throw new Usage("expected a person as @username, +phone (or, with --region, a national number with spaces or"
                + " dashes) or a user id (id or id:access_hash)");
    }

    @Override
    public Connection connect(Map<String, String> credentials, UnaryOperator<Policies.Builder> tune) throws Usage {
        TelegramSession session;
        int apiId;
        String given = credentials.get("TELEGRAM_SESSION");
        // file:PATH names the file `telegram login` wrote: read from it, and a moved session written back.
        SessionStore store = given.startsWith("file:") ? SessionStore.file(Path.of(given.substring(5))) : null;
        try {
            session = store != null ? store.load().orElseThrow(() -> new IllegalArgumentException(
                    given.substring(5) + " holds no session: log in first (groupkit telegram login)"))
                    : TelegramSession.parse(given);
            apiId = Integer.parseInt(credentials.get("TELEGRAM_API_ID").strip());
        } catch (NumberFormatException e) {
            throw new Usage("expected TELEGRAM_API_ID to be the api_id (digits) from my.telegram.org");
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            throw new Usage("TELEGRAM_SESSION: " + e.getMessage());
        }
        Telegram.Builder b = Telegram.builder().apiId(apiId).policies(tune.apply(Policies.builder()).build());
        TelegramClient client = (store != null ? b.sessionStore(store) : b.session(session)).build();
        return new Connection(client, group -> client.state(), client).at("Telegram (data centre " + session.dcId() + ")");
    }

    /**
     * A data centre seeded with the world: its people (privacy settings, no account), groups with
     * members, titles and the account's rights. In-process, the command's people the world does
     * not name are made as ordinary people, unless the world says they have no account.
     */
    private static TelegramSimulator seeded(SimulatorWorld world, io.groupkit.core.time.TimeSource time, List<Member> people)
            throws Usage {
        TelegramSimulator sim = TelegramSimulator.start(time);
        Map<String, Long> known = new java.util.HashMap<>(); // "@alice", "+digits" or "id" -> user id
        for (com.fasterxml.jackson.databind.JsonNode p : world.list("telegram", "people")) {
            long id = world.number(p.get("id"), "telegram.people.id");
            String username = p.hasNonNull("username") ? p.get("username").asText().replaceFirst("^@", "") : null;
            String phone = p.hasNonNull("phone") ? world.phone(p.get("phone"), "telegram.people.phone") : null;
            sim.user(id, username, phone);
            known.put(String.valueOf(id), id);
            if (username != null) {
                known.put("@" + username.toLowerCase(java.util.Locale.ROOT), id);
            }
            if (phone != null) {
                known.put("+" + phone, id);
            }
            if (p.path("privateChat").asBoolean(false)) {
                sim.privateChat(id);
            }
        }
        java.util.Set<String> none = new java.util.HashSet<>();
        for (com.fasterxml.jackson.databind.JsonNode n : world.list("telegram", "noAccount")) {
            none.add(n.asText().toLowerCase(java.util.Locale.ROOT));
        }
        for (com.fasterxml.jackson.databind.JsonNode g : world.list("telegram", "groups")) {
            boolean channel = g.has("channel");
            long id = world.number(g.get(channel ? "channel" : "chat"), "telegram.groups." + (channel ? "channel" : "chat"));
            List<Long> members = new java.util.ArrayList<>();
            for (com.fasterxml.jackson.databind.JsonNode m : g.path("members")) {
                Long who = m.canConvertToLong() ? Long.valueOf(m.asLong()) : known.get(m.asText().toLowerCase(java.util.Locale.ROOT));
                if (who == null) {
                    throw world.wrong("telegram.groups.members", "user ids or @usernames of telegram.people, not " + m);
                }
                members.add(who);
            }
            long[] ids = members.stream().mapToLong(Long::longValue).toArray();
            if (g.path("broadcast").asBoolean(false)) {
                sim.broadcastChannel(id);
            } else if (channel) {
                sim.supergroup(id, ids);
            } else {
                sim.basicGroup(id, ids);
            }
            if (g.has("title")) {
                sim.title(id, g.get("title").asText());
            }
            if (!g.path("admin").asBoolean(true)) {
                sim.notAdmin(id);
            }
            // People waiting for an admin to let them in (telegram requests GROUP lists them).
            for (com.fasterxml.jackson.databind.JsonNode r : g.path("requests")) {
                Long who = r.canConvertToLong() ? Long.valueOf(r.asLong()) : known.get(r.asText().toLowerCase(java.util.Locale.ROOT));
                if (who == null) {
                    throw world.wrong("telegram.groups.requests", "user ids or @usernames of telegram.people, not " + r);
                }
                sim.requestToJoin(id, who);
            }
        }
        for (String key : List.of("privacyRestricted", "notInContacts")) {
            for (com.fasterxml.jackson.databind.JsonNode n : world.list("telegram", key)) {
                Long who = known.get(n.asText().toLowerCase(java.util.Locale.ROOT));
                if (who == null) {
                    throw world.wrong("telegram." + key, "user ids, @usernames or +phones of telegram.people, not " + n);
                }
                sim.privacy(who, key.equals("privacyRestricted") ? TelegramSimulator.Privacy.RESTRICTED
                        : TelegramSimulator.Privacy.MUTUAL_CONTACTS_ONLY);
            }
        }
        long next = 100_000;
        for (Member m : people) {
            String key = switch (m.kind()) {
                case PHONE -> "+" + ((Member.Phone) m).digits();
                case USERNAME -> "@" + m.value().toLowerCase(java.util.Locale.ROOT);
                default -> m.value().split(":")[0];
            };
            if (known.containsKey(key) || none.contains(key)) {
                continue;
            }
            if (m.kind() == MemberKind.PHONE) {
                sim.user(next, "user" + next, ((Member.Phone) m).digits());
                next++;
            } else if (m.kind() == MemberKind.USERNAME) {
                sim.user(next++, m.value(), null);
            } else {
                sim.user(Long.parseLong(key), null, null);
            }
        }
        return sim;
    }

    @Override
    public Connection simulate(SimulatorWorld world, List<Member> people, UnaryOperator<Policies.Builder> tune)
            throws Usage {
        VirtualTime time = VirtualTime.create();
        TelegramSimulator sim = seeded(world, time, people);
        TelegramClient client = Telegram.builder().session(TelegramSession.fromTelethon(sim.sessionString())).apiId(1)
                .policies(tune.apply(Policies.builder().time(time).rateLimiter(new TokenBucketRateLimiter())).build()).build();
        // The simulator makes its own access hashes: the ones typed would be refused, as real ones of
        // another account would be.
        return new Connection(client, g -> client.state(), () -> {
            client.close();
            sim.close();
        }, g -> g instanceof TelegramGroup.Supergroup s ? TelegramGroup.supergroup(s.channelId(),
                sim.channelAccessHash(s.channelId())) : g,
                m -> m.kind() == MemberKind.USER_ID ? TelegramClient.user(Long.parseLong(m.value().split(":")[0]),
                        sim.accessHash(Long.parseLong(m.value().split(":")[0]))) : m, "the embedded simulator");
    }

    @Override
    public Shared share(SimulatorWorld world) throws Usage {
        TelegramSimulator sim = seeded(world, io.groupkit.core.time.TimeSource.system(), List.of());
        sim.twoStepPassword(LoginCommand.SIMULATED_PASSWORD);
        // Access hashes of the world's supergroups and people, so that channel:ID and a user id work as typed.
        Map<String, Long> channels = new java.util.TreeMap<>();
        for (com.fasterxml.jackson.databind.JsonNode g : world.list("telegram", "groups")) {
            if (g.has("channel")) {
                channels.put(g.get("channel").asText(), sim.channelAccessHash(g.get("channel").asLong()));
            }
        }
        Map<String, Long> users = new java.util.TreeMap<>();
        for (com.fasterxml.jackson.databind.JsonNode p : world.list("telegram", "people")) {
            users.put(p.get("id").asText(), sim.accessHash(p.get("id").asLong()));
        }
        Map<String, Object> state = new java.util.LinkedHashMap<>();
        state.put("host", "127.0.0.1");
        state.put("port", sim.port());
        state.put("dc", 2);
        state.put("rsaPublicKey", sim.rsaPublicKeyPem());
        state.put("session", sim.sessionString());
        state.put("channels", channels);
        state.put("users", users);
        return new Shared(state, "127.0.0.1:" + sim.port() + " (data centre 2)", sim);
    }

    @Override
    public Connection attach(com.fasterxml.jackson.databind.JsonNode state, Map<String, String> env,
                             UnaryOperator<Policies.Builder> tune) throws Usage {
        if (!state.path("session").isTextual()) {
            throw new Usage("the running simulator's state has no Telegram session: start it again");
        }
        // A session of a login on this simulator (TELEGRAM_SESSION), else the simulator's own account.
        String given = env.getOrDefault("TELEGRAM_SESSION", "").strip();
        Connection c = connect(Map.of("TELEGRAM_SESSION", given.isEmpty() ? state.get("session").asText() : given,
                "TELEGRAM_API_ID", "1"), tune);
        com.fasterxml.jackson.databind.JsonNode channels = state.path("channels");
        com.fasterxml.jackson.databind.JsonNode users = state.path("users");
        return new Connection(c.client(), c.check(), c.resources(), g -> g instanceof TelegramGroup.Supergroup s
                && channels.has(String.valueOf(s.channelId())) ? TelegramGroup.supergroup(s.channelId(),
                channels.get(String.valueOf(s.channelId())).asLong()) : g,
                m -> m.kind() == MemberKind.USER_ID && users.has(m.value().split(":")[0])
                        ? TelegramClient.user(Long.parseLong(m.value().split(":")[0]), users.get(m.value().split(":")[0]).asLong())
                        : m, "127.0.0.1:" + state.path("port").asInt());
    }
}
