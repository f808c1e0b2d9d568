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
    public Connection connect(Map<String, String> credentials) throws Usage {
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
        Telegram.Builder b = Telegram.builder().apiId(apiId);
        TelegramClient client = (store != null ? b.sessionStore(store) : b.session(session)).build();
        return new Connection(client, group -> client.check(), client).at("Telegram (data centre " + session.dcId() + ")");
    }

    @Override
    public Connection simulate(GroupRef group, List<Member> people) {
        VirtualTime time = VirtualTime.create();
        TelegramSimulator sim = TelegramSimulator.start(time);
        if (group instanceof TelegramGroup.BasicGroup b) {
            sim.basicGroup(b.chatId());
        } else if (group instanceof TelegramGroup.Supergroup s) {
            sim.supergroup(s.channelId());
        } else {
            // What `groups` lists: two groups, and dialogs that are none (a channel, a private chat).
            sim.basicGroup(5001).title(5001, "Support team").supergroup(7001).title(7001, "Customers 2026")
                    .broadcastChannel(7009).user(100, "alice", null).privateChat(100);
        }
        long next = 100_000;
        for (Member m : people) {
            if (m.kind() == MemberKind.PHONE) {
                sim.user(next, "user" + next, ((Member.Phone) m).digits());
                next++;
            } else if (m.kind() == MemberKind.USERNAME) {
                sim.user(next++, m.value(), null);
            } else {
                sim.user(Long.parseLong(m.value().split(":")[0]), null, null);
            }
        }
        TelegramClient client = Telegram.builder().session(TelegramSession.fromTelethon(sim.sessionString())).apiId(1)
                .policies(Policies.builder().time(time).rateLimiter(new TokenBucketRateLimiter()).build()).build();
        // The simulator makes its own access hashes: the ones typed would be refused, as real ones of
        // another account would be.
        return new Connection(client, g -> client.check(), () -> {
            client.close();
            sim.close();
        }, g -> g instanceof TelegramGroup.Supergroup s ? TelegramGroup.supergroup(s.channelId(),
                sim.channelAccessHash(s.channelId())) : g,
                m -> m.kind() == MemberKind.USER_ID ? TelegramClient.user(Long.parseLong(m.value().split(":")[0]),
                        sim.accessHash(Long.parseLong(m.value().split(":")[0]))) : m, "the embedded simulator");
    }
}
