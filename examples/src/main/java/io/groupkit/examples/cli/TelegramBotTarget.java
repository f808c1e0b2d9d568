package io.groupkit.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.groupkit.core.AccountState;
import io.groupkit.core.AccountStatus;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MemberKind;
import io.groupkit.core.Outcome;
import io.groupkit.core.Policies;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.Unavailable;
import io.groupkit.core.policy.InviteFallback;
import io.groupkit.core.policy.TokenBucketRateLimiter;
import io.groupkit.telegram.bot.TelegramBot;
import io.groupkit.telegram.bot.TelegramBotChat;
import io.groupkit.telegram.bot.TelegramBotClient;
import io.groupkit.testkit.telegrambot.BotApiSimulator;
import io.groupkit.testkit.time.VirtualTime;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A Telegram bot (the Bot API): groups by chat id ({@code -1001234567890}), people by user id only.
 * A bot adds nobody: {@code add} ends in the person's own one-use link (the invite-link fallback is
 * on unless {@code --invite-link} says otherwise). The token comes from {@code TELEGRAM_BOT_TOKEN}
 * and is never printed.
 */
final class TelegramBotTarget implements Target {
    /** The bot's token, from @BotFather. */
    static final String TOKEN_KEY = "TELEGRAM_BOT_TOKEN";
    /** Another Bot API server (a local telegram-bot-api); {@code --api-url} wins over it. */
    static final String API_URL_KEY = "TELEGRAM_BOT_API_URL";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "telegram-bot";
    }

    @Override
    public List<String> credentialKeys() {
        return List.of(TOKEN_KEY);
    }

    @Override
    public String groupExample() {
        return "-1001234567890 (the chat id the Bot API gives)";
    }

    @Override
    public String write(GroupRef group) {
        return String.valueOf(((TelegramBotChat) group).chatId());
    }

    @Override
    public GroupRef group(String text) throws Usage {
        String t = text.strip();
        if (!t.matches("-[0-9]{1,19}")) {
            throw new Usage("expected a group's chat id such as " + groupExample() + ", got '" + t + "'");
        }
        try {
            return TelegramBotChat.of(Long.parseLong(t));
        } catch (IllegalArgumentException e) {
            throw new Usage("expected a group's chat id such as " + groupExample() + ": " + e.getMessage());
        }
    }

    @Override
    public Member person(String text, @Nullable String region) throws Usage {
        String t = text.strip();
        if (!t.matches("[0-9]{1,19}")) {
            throw new Usage("a bot names people by user id only (digits, such as 123456789): the Bot API looks nobody up"
                    + " by @username or phone number");
        }
        return Target.parse(t, "id", null);
    }

    /**
     * What a bot cannot do, said before the provider's {@code UNSUPPORTED}, which names only the
     * operation.
     *
     * @param command the command
     * @param words its arguments' count
     * @param all whether {@code --all} was given
     * @return the note, or null when the bot can do it
     */
    static @Nullable String cannot(String command, int words, boolean all) {
        String what = switch (command) {
            case "members" -> "list a group's members";
            case "groups" -> "list the groups it is in";
            case "requests" -> words == 1 ? "list join requests" : all ? "decide every join request at once" : null;
            default -> null;
        };
        return what == null ? null : "a Telegram bot cannot " + what + ": the Bot API has no such method; 'watch' prints"
                + " joins, leaves and join requests as they come";
    }

    @Override
    public Connection connect(Map<String, String> credentials, UnaryOperator<Policies.Builder> tune) throws Usage {
        String url = credentials.getOrDefault(API_URL_KEY, "").strip();
        return connect(credentials.get(TOKEN_KEY), url.isEmpty() ? null : url,
                tune.apply(Policies.builder().inviteFallback(InviteFallback.ATTACH_LINK)).build(), () -> { });
    }

    private static Connection connect(String token, @Nullable String apiUrl, Policies policies, AutoCloseable resources)
            throws Usage {
        TelegramBot.Builder b = TelegramBot.builder().policies(policies);
        try {
            b.token(token);
        } catch (IllegalArgumentException e) {
            throw new Usage(TOKEN_KEY + ": " + e.getMessage()); // the message never quotes the token
        }
        String base = apiUrl == null ? "https://api.telegram.org" : apiUrl;
        try {
            if (apiUrl != null) {
                b.apiUrl(apiUrl);
            }
        } catch (IllegalArgumentException e) {
            throw new Usage("--api-url (or " + API_URL_KEY + "): " + e.getMessage());
        }
        TelegramBotClient client = b.build();
        return new Connection(client, g -> getMe(base, token), () -> {
            client.close();
            resources.close();
        }).at(URI.create(base).getAuthority());
    }

    /**
     * {@code getMe}: whether the token works. The client has no such call (it is not a membership
     * operation), so the command asks it itself; the token sits in the path and is never shown.
     */
    static Outcome getMe(String apiUrl, String token) {
        ProviderDetail detail = ProviderDetail.of("telegram-bot", "getMe");
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(apiUrl.replaceAll("/+$", "") + "/bot" + token
                    + "/getMe")).timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 401 || r.statusCode() == 404) {
                // Telegram answers 404 Not Found to a token no bot has, 401 to one it revoked.
                return new AccountStatus(detail.withStatus(r.statusCode()).withDescription("the token is not a bot's,"
                        + " or was revoked").withRemedy("Take the token @BotFather gives (/token)"), AccountState.NOT_AUTHORIZED);
            }
            JsonNode body = JSON.readTree(r.body());
            JsonNode me = body.path("result");
            if (r.statusCode() != 200 || !body.path("ok").asBoolean(false) || !me.path("id").canConvertToLong()) {
                return new Unavailable(detail.withStatus(r.statusCode()).withDescription("getMe answered " + r.statusCode()
                        + " without the bot"));
            }
            String username = me.path("username").asText("");
            return new AccountStatus(detail.withDescription("bot " + (username.isEmpty() ? "" : "@" + username + " ")
                    + "(id " + me.get("id").asLong() + ")"), AccountState.AUTHORIZED);
        } catch (IOException e) {
            // Never the exception's message: a client may quote the address, with the token in it.
            return new Unavailable(detail.withDescription("getMe failed: " + e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unavailable(detail.withDescription("getMe was interrupted"));
        }
    }

    /**
     * A Bot API seeded with the world's {@code telegram-bot} section: people (user ids, usernames),
     * groups (chat ids; {@code -100…} a supergroup, else a basic group) with members and pending join
     * requests, and where the bot is no admin. In-process, the command's people the world does not
     * name are made as ordinary people.
     */
    private static BotApiSimulator seeded(SimulatorWorld world, io.groupkit.core.time.TimeSource time, List<Member> people)
            throws Usage {
        BotApiSimulator sim = BotApiSimulator.start(time);
        java.util.Set<Long> known = new java.util.HashSet<>();
        for (JsonNode p : world.list("telegram-bot", "people")) {
            long id = world.number(p.get("id"), "telegram-bot.people.id");
            sim.user(id, p.hasNonNull("username") ? p.get("username").asText().replaceFirst("^@", "") : null);
            known.add(id);
        }
        for (JsonNode g : world.list("telegram-bot", "groups")) {
            long id = world.number(g.get("chat"), "telegram-bot.groups.chat");
            long[] members = ids(world, g.path("members"), known, "telegram-bot.groups.members");
            if (String.valueOf(id).startsWith("-100")) {
                sim.supergroup(id, members);
            } else {
                sim.basicGroup(id, members);
            }
            if (!g.path("admin").asBoolean(true)) {
                sim.botNotAdmin(id);
            }
            for (long who : ids(world, g.path("requests"), known, "telegram-bot.groups.requests")) {
                sim.requestToJoin(id, who);
            }
        }
        for (Member m : people) {
            if (m.kind() == MemberKind.USER_ID && !known.contains(Long.parseLong(m.value()))) {
                sim.user(Long.parseLong(m.value()), null);
            }
        }
        return sim;
    }

    private static long[] ids(SimulatorWorld world, JsonNode list, java.util.Set<Long> known, String where) throws Usage {
        List<Long> out = new java.util.ArrayList<>();
        for (JsonNode n : list) {
            if (!n.canConvertToLong() || !known.contains(n.asLong())) {
                throw world.wrong(where, "user ids of telegram-bot.people, not " + n);
            }
            out.add(n.asLong());
        }
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public Connection simulate(SimulatorWorld world, List<Member> people, UnaryOperator<Policies.Builder> tune)
            throws Usage {
        VirtualTime time = VirtualTime.create();
        BotApiSimulator sim = seeded(world, time, people);
        Policies policies = tune.apply(Policies.builder().time(time).rateLimiter(new TokenBucketRateLimiter())
                .inviteFallback(InviteFallback.ATTACH_LINK)).build();
        return connect(sim.token(), sim.apiUrl(), policies, sim).at("the embedded simulator");
    }

    @Override
    public Shared share(SimulatorWorld world) throws Usage {
        BotApiSimulator sim = seeded(world, io.groupkit.core.time.TimeSource.system(), List.of());
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("apiUrl", sim.apiUrl());
        state.put("token", sim.token()); // the simulator's own bot; the state file is readable by its owner only
        return new Shared(state, sim.apiUrl() + " (bot " + sim.botId() + ")", sim);
    }

    @Override
    public Connection attach(JsonNode state, Map<String, String> env, UnaryOperator<Policies.Builder> tune) throws Usage {
        if (!state.path("apiUrl").isTextual() || !state.path("token").isTextual()) {
            throw new Usage("the running simulator has no Telegram bot (started by an older groupkit): start it again");
        }
        return connect(Map.of(TOKEN_KEY, state.get("token").asText(), API_URL_KEY, state.get("apiUrl").asText()), tune);
    }
}
