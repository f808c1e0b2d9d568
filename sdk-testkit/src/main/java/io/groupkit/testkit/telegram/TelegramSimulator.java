package io.groupkit.testkit.telegram;

import io.groupkit.core.time.TimeSource;
import io.groupkit.mtproto.AuthKeyServer;
import io.groupkit.mtproto.DhChecks;
import io.groupkit.mtproto.Envelope;
import io.groupkit.mtproto.RsaPublicKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * A fake Telegram data centre on loopback for tests and demos: MTProto 2.0 over TCP (abridged or
 * intermediate, detected from the first bytes) with a pre-seeded auth key, basic groups,
 * supergroups and people with privacy settings.
 *
 * <p>It behaves as the real server does where a client's recovery depends on it: the first call
 * on a new session gets {@code new_session_created}; a wrong salt gets {@code bad_server_salt};
 * a client clock more than 300 s off gets {@code bad_msg_notification} 16 or 17; a packet under
 * an unknown key gets transport error -404; a connection's first call must be wrapped in
 * {@code invokeWithLayer(initConnection(...))}. Anything else a server may do is queued with
 * {@link #fault(ServerFault)}.
 *
 * <p>Connect a client with {@link #sessionString()} (a Telethon {@code StringSession}). The
 * account the session belongs to is {@link #SELF}, an administrator of every group unless told
 * otherwise. Thread-safe; each connection is served on its own thread, all of which
 * {@link #close()} stops.
 */
public final class TelegramSimulator implements AutoCloseable {
    /** The user id of the account the session belongs to. */
    public static final long SELF = 1000;

    /** How a person's privacy settings answer an add. */
    public enum Privacy {
        /** Anyone may add them. */
        OPEN,
        /** Nobody but contacts may: the add succeeds with a {@code missingInvitee} (no flags). */
        RESTRICTED,
        /** Only a Premium caller may: {@code missingInvitee} with {@code premium_would_allow_invite}. */
        PREMIUM_WOULD_ALLOW_INVITE,
        /** Restricted, and only Premium may message them: {@code premium_required_for_pm}. */
        PREMIUM_REQUIRED_FOR_PM,
        /** Only mutual contacts may: the add fails with {@code USER_NOT_MUTUAL_CONTACT}. */
        MUTUAL_CONTACTS_ONLY
    }

    record Person(long id, long accessHash, @Nullable String username, @Nullable String phone) {
    }

    static final class Group {
        final long id;
        final boolean channel;
        final long accessHash;
        final Set<Long> members = new LinkedHashSet<>();
        final Set<Long> kicked = new LinkedHashSet<>();
        final Set<Long> admins = new LinkedHashSet<>();
        final Set<Long> restricted = new LinkedHashSet<>();
        /** Pending join requests by requester, in the order they were made. */
        final Map<Long, JoinRequest> requests = new java.util.LinkedHashMap<>();
        long creator = 1; // someone else's group unless the account is its admin
        String title;
        boolean broadcast;
        boolean pinned;
        int pinOrder; // pinned dialogs are listed in the order they were pinned
        int folder;
        final int order; // dialogs list newer groups first
        int capacity = 200_000;
        boolean admin = true;

        /** A basic group (a chat) or a supergroup (a channel on the wire). */
        enum Kind { BASIC, SUPERGROUP }

        Group(long id, Kind kind, long accessHash, int order) {
            this.id = id;
            this.channel = kind == Kind.SUPERGROUP;
            this.accessHash = accessHash;
            this.title = (channel ? "Supergroup " : "Group ") + id;
            this.order = order;
        }
    }

    private final TimeSource time;
    private final byte[] authKey;
    private final Map<Long, Envelope> keys = new java.util.concurrent.ConcurrentHashMap<>();
    private final Deque<KeyExchange> keyOutcomes = new ArrayDeque<>();
    private int keysMade;
    private final Set<Long> authorized = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final LoginDesk login;
    private @Nullable String password;
    private byte @Nullable [][] srpSalts;
    private byte @Nullable [] passwordHash;
    private @Nullable String lastCode;
    private int loginHomeDc;
    private @Nullable String loginFloodWait;
    private static AuthKeyServer.@Nullable RsaPrivateKey rsa; // made on first use
    private final ServerSocket server;
    private final Thread acceptor;
    private final List<ServerConnection> open = new CopyOnWriteArrayList<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final Map<Long, Person> people = new HashMap<>();
    private final Map<Long, Privacy> privacy = new HashMap<>();
    private final Map<Long, RpcRefusal> refusals = new HashMap<>();
    private final Map<String, RpcRefusal> methodRefusals = new HashMap<>();
    private final Set<Long> deactivated = new LinkedHashSet<>();
    private final Map<Long, Group> groups = new HashMap<>();
    private final Map<String, InviteLinkState> links = new HashMap<>();
    private final Deque<ServerFault> faults = new ArrayDeque<>();
    private final SplittableRandom random;
    private long salt;
    private long clockAheadNanos;
    private boolean announceNewSessions = true;
    private final Map<Integer, Integer> otherDataCentres = new HashMap<>();
    private final Map<Long, byte[]> imports = new HashMap<>();
    private final List<Long> privateChats = new java.util.ArrayList<>();
    private int pins;
    private int thisDc = 2;
    private @Nullable String migratedError;
    private int migratedTo;
    private @Nullable TelegramSimulator migrationTarget;
    private int exports;
    private int connections;
    private int initConnections;
    private int linkCounter;
    private final List<MembershipChange> changes = new java.util.ArrayList<>();
    private final UpdatesDesk updatesDesk = new UpdatesDesk(this);

    record RpcRefusal(int code, String message) {
    }

    /** A pending join request: who, when (unix seconds), through which link, with what text. */
    record JoinRequest(long userId, int date, @Nullable String link, @Nullable String about) {
    }

    private TelegramSimulator(TimeSource time, long seed) throws IOException {
        this.time = time;
        this.random = new SplittableRandom(seed);
        this.authKey = new byte[256];
        new SplittableRandom(seed ^ 0x5eedL).nextBytes(authKey);
        Envelope seeded = new Envelope(authKey);
        keys.put(seeded.authKeyId(), seeded);
        authorized.add(seeded.authKeyId()); // the pre-seeded session is logged in
        this.login = new LoginDesk(this, seed ^ 0x10691dL);
        this.salt = random.nextLong();
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        people.put(SELF, new Person(SELF, hashFor(SELF), "groupkit_self", "15550000000"));
        this.acceptor = new Thread(this::acceptLoop, "telegram-simulator-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a simulator on real time.
     *
     * @return the running simulator
     */
    public static TelegramSimulator start() {
        return start(TimeSource.system());
    }

    /**
     * Starts a simulator whose message ids follow the given clock (share it with the client).
     *
     * @param time the clock
     * @return the running simulator
     */
    public static TelegramSimulator start(TimeSource time) {
        Objects.requireNonNull(time, "time must not be null");
        try {
            return new TelegramSimulator(time, 20_261_122L);
        } catch (IOException e) {
            throw new IllegalStateException("could not listen on loopback: " + e.getMessage(), e);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                ServerConnection c = new ServerConnection(this, s);
                synchronized (this) {
                    connections++;
                }
                open.add(c);
                Thread t = new Thread(() -> {
                    c.run();
                    open.remove(c);
                }, "telegram-simulator-connection");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /**
     * A Telethon {@code StringSession} for this server: data centre 2 at 127.0.0.1 on its port,
     * with the pre-seeded auth key.
     *
     * @return the session string (a secret, as a real one is)
     */
    public String sessionString() {
        ByteBuffer b = ByteBuffer.allocate(1 + 4 + 2 + 256);
        b.put((byte) 2).put(server.getInetAddress().getAddress()).putShort((short) server.getLocalPort()).put(authKey);
        return "1" + Base64.getUrlEncoder().encodeToString(b.array());
    }

    /**
     * The pre-seeded auth key.
     *
     * @return a copy of the 256 bytes
     */
    public byte[] authKey() {
        return authKey.clone();
    }

    /**
     * The port the server listens on (at 127.0.0.1).
     *
     * @return the port
     */
    public int port() {
        return server.getLocalPort();
    }

    /**
     * Adds a person.
     *
     * @param id the user id
     * @param username the username without {@code @}, or null
     * @param phone the phone number's digits, or null
     * @return this simulator
     */
    public synchronized TelegramSimulator user(long id, @Nullable String username, @Nullable String phone) {
        people.put(id, new Person(id, hashFor(id), username, phone));
        return this;
    }

    /**
     * A person's access hash, as a client learns it from a resolve.
     *
     * @param userId the user id
     * @return the hash
     */
    public long accessHash(long userId) {
        return hashFor(userId);
    }

    /**
     * Sets how a person's privacy settings answer adds.
     *
     * @param userId the person
     * @param setting the setting
     * @return this simulator
     */
    public synchronized TelegramSimulator privacy(long userId, Privacy setting) {
        privacy.put(userId, Objects.requireNonNull(setting, "setting must not be null"));
        return this;
    }

    /**
     * Makes every add of this person fail with the given {@code rpc_error}.
     *
     * @param userId the person
     * @param code the error code
     * @param message the error message, such as {@code USER_CHANNELS_TOO_MUCH}
     * @return this simulator
     */
    public synchronized TelegramSimulator refuseAdds(long userId, int code, String message) {
        refusals.put(userId, new RpcRefusal(code, Objects.requireNonNull(message, "message must not be null")));
        return this;
    }

    /**
     * Makes every call of one method fail with the given {@code rpc_error}, whatever its
     * arguments; the call is still listed in {@link #calls()}. Calls of other methods are
     * answered as usual, so an error can be aimed at one step of an operation that makes several.
     *
     * @param method the method as {@link #calls()} names it, such as {@code channels.editBanned}
     * @param code the error code
     * @param message the error message, such as {@code USER_ADMIN_INVALID}
     * @return this simulator
     */
    public synchronized TelegramSimulator refuseCalls(String method, int code, String message) {
        methodRefusals.put(Objects.requireNonNull(method, "method must not be null"),
                new RpcRefusal(code, Objects.requireNonNull(message, "message must not be null")));
        return this;
    }

    /**
     * Deletes a person's account: adds answer {@code INPUT_USER_DEACTIVATED}.
     *
     * @param userId the person
     * @return this simulator
     */
    public synchronized TelegramSimulator deactivate(long userId) {
        deactivated.add(userId);
        return this;
    }

    /**
     * Adds a basic group with {@link #SELF} and the given members.
     *
     * @param chatId the chat id
     * @param members its members besides the account
     * @return this simulator
     */
    public synchronized TelegramSimulator basicGroup(long chatId, long... members) {
        return group(new Group(chatId, Group.Kind.BASIC, 0, groups.size()), members);
    }

    /**
     * Adds a supergroup with {@link #SELF} and the given members.
     *
     * @param channelId the channel id
     * @param members its members besides the account
     * @return this simulator
     */
    public synchronized TelegramSimulator supergroup(long channelId, long... members) {
        return group(new Group(channelId, Group.Kind.SUPERGROUP, hashFor(channelId ^ 0x7fffL), groups.size()), members);
    }

    private TelegramSimulator group(Group g, long... members) {
        g.members.add(SELF);
        g.creator = SELF;
        for (long m : members) {
            g.members.add(m);
        }
        groups.put(g.id, g);
        return this;
    }

    /**
     * A supergroup's access hash.
     *
     * @param channelId the channel id
     * @return the hash
     */
    public long channelAccessHash(long channelId) {
        return hashFor(channelId ^ 0x7fffL);
    }

    /**
     * Caps a group's size: adds beyond it answer {@code USERS_TOO_MUCH}.
     *
     * @param groupId the group
     * @param max the most members
     * @return this simulator
     */
    public synchronized TelegramSimulator capacity(long groupId, int max) {
        existing(groupId).capacity = max;
        return this;
    }

    /**
     * Takes the account's admin rights in a group: changes answer {@code CHAT_ADMIN_REQUIRED}.
     *
     * @param groupId the group
     * @return this simulator
     */
    public synchronized TelegramSimulator notAdmin(long groupId) {
        Group g = existing(groupId);
        g.admin = false;
        if (g.creator == SELF) {
            g.creator = 1;
        }
        return this;
    }

    /**
     * Adds a broadcast channel the account follows: it is among the account's dialogs, and is no group.
     *
     * @param channelId the channel id
     * @return this simulator
     */
    public synchronized TelegramSimulator broadcastChannel(long channelId) {
        Group g = new Group(channelId, Group.Kind.SUPERGROUP, hashFor(channelId ^ 0x7fffL), groups.size());
        g.broadcast = true;
        g.title = "Channel " + channelId;
        return group(g);
    }

    /**
     * Names a group.
     *
     * @param groupId the group
     * @param title its title
     * @return this simulator
     */
    public synchronized TelegramSimulator title(long groupId, String title) {
        existing(groupId).title = Objects.requireNonNull(title, "title must not be null");
        return this;
    }

    /**
     * Moves a group's dialog to the archive (folder 1).
     *
     * @param groupId the group
     * @return this simulator
     */
    public synchronized TelegramSimulator archive(long groupId) {
        existing(groupId).folder = 1;
        return this;
    }

    /**
     * Pins a group's dialog: listed first, out of date order, and by {@code messages.getPinnedDialogs}.
     *
     * @param groupId the group
     * @return this simulator
     */
    public synchronized TelegramSimulator pin(long groupId) {
        Group g = existing(groupId);
        g.pinned = true;
        g.pinOrder = ++pins;
        return this;
    }

    /**
     * Gives the account a private chat with a person: a dialog that is no group.
     *
     * @param userId the person
     * @return this simulator
     */
    public synchronized TelegramSimulator privateChat(long userId) {
        privateChats.add(userId);
        return this;
    }

    synchronized List<Long> privateChats() {
        return List.copyOf(privateChats);
    }

    synchronized List<Group> groupsInOrder() {
        return groups.values().stream().sorted(java.util.Comparator.comparingInt((Group g) -> g.order)).toList();
    }

    /**
     * Makes a member an administrator: listings name them as one.
     *
     * @param groupId the group
     * @param userId a member
     * @return this simulator
     */
    public synchronized TelegramSimulator promote(long groupId, long userId) {
        existing(groupId).admins.add(userId);
        return this;
    }

    /**
     * Restricts a supergroup member (they may read, not write): listings name them by
     * {@code channelParticipantBanned} without {@code left}, and they are still members.
     *
     * @param channelId the supergroup
     * @param userId a member
     * @return this simulator
     */
    public synchronized TelegramSimulator restrict(long channelId, long userId) {
        existing(channelId).restricted.add(userId);
        return this;
    }

    /**
     * Kicks a person from a supergroup: adds answer {@code USER_KICKED} until they are unbanned.
     *
     * @param channelId the supergroup
     * @param userId the person
     * @return this simulator
     */
    public synchronized TelegramSimulator kick(long channelId, long userId) {
        Group g = existing(channelId);
        if (g.members.remove(userId)) {
            changed(g, MembershipChange.Kind.REMOVED, userId, SELF, null);
        }
        g.kicked.add(userId);
        return this;
    }

    /**
     * Someone joins through an invite link, as a person who got it would (see {@link #joinByLink}).
     *
     * @param link a link the server exported
     * @param userId who joins
     * @return true if they joined
     */
    public synchronized boolean join(String link, long userId) {
        return joinByLink(link, userId).isEmpty();
    }

    /**
     * Someone joins through an invite link ({@code messages.importChatInvite} from their side), as
     * Telegram decides it: a link that was revoked, has expired on the simulator's clock or was
     * used as often as its usage limit allows answers {@code INVITE_HASH_EXPIRED} (Telegram treats
     * a used-up link as expired); an unknown link {@code INVITE_HASH_INVALID}; a member
     * {@code USER_ALREADY_PARTICIPANT}; a full group {@code USERS_TOO_MUCH}. A join counts as a use
     * of the link.
     *
     * @param link a link
     * @param userId who joins
     * @return empty if they joined, or the error Telegram would answer them
     */
    public synchronized Optional<String> joinByLink(String link, long userId) {
        InviteLinkState l = links.get(Objects.requireNonNull(link, "link must not be null"));
        if (l == null) {
            return Optional.of("INVITE_HASH_INVALID");
        }
        if (!l.works(time.now().getEpochSecond())) {
            return Optional.of("INVITE_HASH_EXPIRED");
        }
        Group g = groupOf(l.groupId);
        if (g.members.contains(userId)) {
            return Optional.of("USER_ALREADY_PARTICIPANT");
        }
        if (g.members.size() >= g.capacity) {
            return Optional.of("USERS_TOO_MUCH");
        }
        g.kicked.remove(userId);
        g.members.add(userId);
        l.usage++;
        changed(g, MembershipChange.Kind.JOINED_BY_LINK, userId, userId, link);
        return Optional.empty();
    }

    /**
     * What the server knows of an invite link it made.
     *
     * @param link the link
     * @return its state, or empty if this server never made it
     */
    public synchronized Optional<InviteLinkInfo> inviteLink(String link) {
        InviteLinkState l = links.get(link);
        return l == null ? Optional.empty() : Optional.of(l.info());
    }

    /**
     * Every invite link the server made for a group, oldest first.
     *
     * @param groupId the group
     * @return their states
     */
    public synchronized List<InviteLinkInfo> inviteLinks(long groupId) {
        return links.values().stream().filter(l -> l.groupId == groupId).map(InviteLinkState::info).toList();
    }

    /**
     * An invite link as the server sees it.
     *
     * @param url the link
     * @param groupId the group it lets people into
     * @param title its title, if it has one
     * @param usageLimit how many may join with it, 0 for no limit
     * @param expireDate unix time it expires, 0 for never
     * @param usage how many have joined with it
     * @param revoked whether it was revoked
     */
    public record InviteLinkInfo(String url, long groupId, Optional<String> title, int usageLimit, int expireDate,
                                 int usage, boolean revoked) {
    }

    /** An invite link's server-side state; changed under the simulator's lock. */
    static final class InviteLinkState {
        final String url;
        final long groupId;
        final @Nullable String title;
        final int usageLimit;
        final int expireDate;
        final boolean permanent;
        int usage;
        boolean revoked;

        InviteLinkState(String url, long groupId, @Nullable String title, int usageLimit, int expireDate) {
            this.url = url;
            this.groupId = groupId;
            this.title = title;
            this.usageLimit = usageLimit;
            this.expireDate = expireDate;
            this.permanent = title == null && usageLimit == 0 && expireDate == 0;
        }

        boolean works(long nowSeconds) {
            return !revoked && (expireDate == 0 || nowSeconds < expireDate) && (usageLimit == 0 || usage < usageLimit);
        }

        InviteLinkInfo info() {
            return new InviteLinkInfo(url, groupId, Optional.ofNullable(title), usageLimit, expireDate, usage, revoked);
        }
    }

    /**
     * Someone asks to join a group, without a link or text: the request waits until an admin
     * approves it ({@code messages.hideChatJoinRequest}: they join) or dismisses it.
     *
     * @param groupId the group
     * @param userId who asks; a person of this simulator, not in the group
     * @return this simulator
     */
    public synchronized TelegramSimulator requestToJoin(long groupId, long userId) {
        return requestToJoin(groupId, userId, null, null);
    }

    /**
     * Someone asks to join a group through an invite link, with a text of their own. An
     * approval answers as an add does for this person: {@link #refuseAdds} (such as
     * {@code USER_CHANNELS_TOO_MUCH}) refuses it too, and the request stays.
     *
     * @param groupId the group
     * @param userId who asks; a person of this simulator, not in the group
     * @param link the link they used, or null
     * @param about what they wrote, or null
     * @return this simulator
     * @throws IllegalArgumentException if the person is unknown or in the group already
     */
    public synchronized TelegramSimulator requestToJoin(long groupId, long userId, @Nullable String link,
                                                        @Nullable String about) {
        Group g = existing(groupId);
        if (!people.containsKey(userId)) {
            throw new IllegalArgumentException("expected a person of this simulator (user(...)), got " + userId);
        }
        if (g.members.contains(userId)) {
            throw new IllegalArgumentException("expected someone outside group " + groupId + ", got member " + userId);
        }
        g.requests.put(userId, new JoinRequest(userId, (int) time.now().getEpochSecond(), link, about));
        changed(g, MembershipChange.Kind.REQUESTED, userId, userId, link);
        return this;
    }

    /**
     * A member leaves a group of their own accord ({@code channels.leaveChannel} or
     * {@code messages.deleteChatUser} of themselves, from their side).
     *
     * @param groupId the group
     * @param userId a member
     * @return this simulator
     * @throws IllegalArgumentException if they are not a member
     */
    public synchronized TelegramSimulator leave(long groupId, long userId) {
        Group g = existing(groupId);
        if (!g.members.remove(userId)) {
            throw new IllegalArgumentException("expected a member of group " + groupId + ", got " + userId);
        }
        changed(g, MembershipChange.Kind.LEFT, userId, userId, null);
        return this;
    }

    /**
     * Another admin (not the account) adds someone to a group.
     *
     * @param groupId the group
     * @param userId who is added; not a member
     * @param adminId who adds them
     * @return this simulator
     * @throws IllegalArgumentException if they are a member already
     */
    public synchronized TelegramSimulator addedBy(long groupId, long userId, long adminId) {
        Group g = existing(groupId);
        if (!g.members.add(userId)) {
            throw new IllegalArgumentException("expected someone outside group " + groupId + ", got member " + userId);
        }
        g.kicked.remove(userId);
        changed(g, MembershipChange.Kind.ADDED, userId, adminId, null);
        return this;
    }

    /**
     * Another admin (not the account) removes a member from a group.
     *
     * @param groupId the group
     * @param userId a member
     * @param adminId who removes them
     * @return this simulator
     * @throws IllegalArgumentException if they are not a member
     */
    public synchronized TelegramSimulator removedBy(long groupId, long userId, long adminId) {
        Group g = existing(groupId);
        if (!g.members.remove(userId)) {
            throw new IllegalArgumentException("expected a member of group " + groupId + ", got " + userId);
        }
        changed(g, MembershipChange.Kind.REMOVED, userId, adminId, null);
        return this;
    }

    /** Records a change of membership: every change of a group's members after its set-up comes through here. */
    synchronized void changed(Group g, MembershipChange.Kind kind, long userId, long actorId, @Nullable String link) {
        MembershipChange c = new MembershipChange(changes.size() + 1L, g.id, g.channel, kind, userId, actorId, link,
                (int) time.now().getEpochSecond());
        changes.add(c);
        updatesDesk.changed(g, c);
    }

    /** The account's common update box (basic groups' service messages, getState, getDifference). */
    synchronized UpdatesDesk updatesDesk() {
        return updatesDesk;
    }

    /** Pushes an {@code Updates} to every open connection whose session is known (as the data centre pushes). */
    void push(byte[] updates) {
        open.forEach(c -> c.push(updates));
    }

    /**
     * Loses the pushes of the next basic-group membership changes: their updates are kept (a
     * difference has them) but never sent, as when pushes go missing on the way.
     *
     * @param n how many changes' pushes to lose
     * @return this simulator
     */
    public synchronized TelegramSimulator dropPushes(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("expected a count of pushes >= 0, got " + n);
        }
        updatesDesk.dropPushes(n);
        return this;
    }

    /**
     * How many basic-group service messages the server keeps for {@code updates.getDifference}: a
     * difference from before the oldest kept answers {@code differenceTooLong}. Unlimited unless set.
     *
     * @param messages how many to keep, at least 1
     * @return this simulator
     */
    public synchronized TelegramSimulator keepUpdates(int messages) {
        if (messages < 1) {
            throw new IllegalArgumentException("expected at least 1 message kept, got " + messages);
        }
        updatesDesk.keep(messages);
        return this;
    }

    /**
     * The account's common update box's pts now (each basic-group membership change adds one).
     *
     * @return the pts
     */
    public synchronized int updatesPts() {
        return updatesDesk.pts();
    }

    /** The changes recorded so far, oldest first. */
    synchronized List<MembershipChange> changes() {
        return List.copyOf(changes);
    }

    /**
     * The people whose join requests to a group wait.
     *
     * @param groupId the group
     * @return their user ids, in the order they asked
     */
    public synchronized List<Long> pendingRequests(long groupId) {
        return List.copyOf(existing(groupId).requests.keySet());
    }

    /**
     * A group's members, the account included.
     *
     * @param groupId the group
     * @return a copy, in the order they joined
     */
    public synchronized Set<Long> members(long groupId) {
        return new LinkedHashSet<>(existing(groupId).members);
    }

    /**
     * Whether a supergroup has banned a person.
     *
     * @param channelId the supergroup
     * @param userId the person
     * @return true if kicked and not unbanned
     */
    public synchronized boolean isKicked(long channelId, long userId) {
        return existing(channelId).kicked.contains(userId);
    }

    /**
     * The RPC methods called so far, in order, such as {@code messages.addChatUser} (resent calls
     * appear once per time they reached the method).
     *
     * @return a copy
     */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /**
     * Queues a fault for the next call.
     *
     * @param fault what to do
     * @return this simulator
     */
    public synchronized TelegramSimulator fault(ServerFault fault) {
        faults.add(Objects.requireNonNull(fault, "fault must not be null"));
        return this;
    }

    /**
     * Stops sending {@code new_session_created} (some servers and proxies do not), so a client
     * learns the server's time from nothing but its answers.
     *
     * @return this simulator
     */
    public synchronized TelegramSimulator silentAboutNewSessions() {
        this.announceNewSessions = false;
        return this;
    }

    synchronized boolean announcesNewSessions() {
        return announceNewSessions;
    }

    /**
     * Moves the server's clock ahead of the client's (or behind, if negative).
     *
     * @param skew how far
     * @return this simulator
     */
    public synchronized TelegramSimulator clockAhead(Duration skew) {
        this.clockAheadNanos = skew.toNanos();
        return this;
    }

    /**
     * Connections accepted so far.
     *
     * @return the count
     */
    public synchronized int connectionsAccepted() {
        return connections;
    }

    /**
     * Calls that arrived wrapped in {@code initConnection}.
     *
     * @return the count
     */
    public synchronized int initConnections() {
        return initConnections;
    }

    /**
     * Closes every open connection (the client finds out on its next call).
     */
    public void dropConnections() {
        open.forEach(ServerConnection::close);
    }

    // --- for ServerConnection ---

    synchronized long serverNanos() {
        return time.nanoTime();
    }

    /** Runs {@code work} after {@code delay} of real time, on a daemon thread of the simulator's. */
    void later(Duration delay, Runnable work) {
        TIMER.schedule(work, delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private static final java.util.concurrent.ScheduledExecutorService TIMER =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "telegram-simulator-timer");
                t.setDaemon(true);
                return t;
            });

    synchronized long serverEpochNanos() {
        java.time.Instant now = time.now().plusNanos(clockAheadNanos);
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    synchronized long salt() {
        return salt;
    }

    synchronized long newSalt() {
        salt = random.nextLong();
        return salt;
    }

    synchronized long nextRandom() {
        return random.nextLong();
    }

    synchronized void countInitConnection() {
        initConnections++;
    }

    synchronized Optional<ServerFault> nextFault() {
        return Optional.ofNullable(faults.poll());
    }

    void record(String method) {
        calls.add(method);
    }

    synchronized @Nullable RpcRefusal refusalOf(String method) {
        return methodRefusals.get(method);
    }

    synchronized @Nullable Person person(long id) {
        return people.get(id);
    }

    synchronized @Nullable Person byUsername(String username) {
        return people.values().stream().filter(p -> username.equalsIgnoreCase(p.username())).findFirst().orElse(null);
    }

    synchronized @Nullable Person byPhone(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        return people.values().stream().filter(p -> digits.equals(p.phone())).findFirst().orElse(null);
    }

    synchronized @Nullable Group groupById(long id) {
        return groups.get(id);
    }

    /** A group this simulator made (a link or an id it handed out): an unknown one is a bug here. */
    private Group groupOf(long id) {
        Group g = groups.get(id);
        if (g == null) {
            throw new IllegalStateException("no group " + id + " in this simulator");
        }
        return g;
    }

    /** The logged-in account, made with the simulator. */
    synchronized Person self() {
        Person p = people.get(SELF);
        if (p == null) {
            throw new IllegalStateException("the simulator's own account is missing");
        }
        return p;
    }

    synchronized Privacy privacyOf(long userId) {
        return privacy.getOrDefault(userId, Privacy.OPEN);
    }

    synchronized @Nullable RpcRefusal refusalOf(long userId) {
        return refusals.get(userId);
    }

    synchronized boolean isDeactivated(long userId) {
        return deactivated.contains(userId);
    }

    /** Whether a link was exported for this group (a request's link, or one to filter by). */
    synchronized boolean knowsLink(String link, long groupId) {
        InviteLinkState l = links.get(link);
        return l != null && l.groupId == groupId;
    }

    synchronized InviteLinkState exportLink(long groupId, @Nullable String title, int usageLimit, int expireDate) {
        String link = "https://t.me/+GkSim" + groupId + "x" + (++linkCounter);
        InviteLinkState state = new InviteLinkState(link, groupId, title, usageLimit, expireDate);
        links.put(link, state);
        return state;
    }

    synchronized @Nullable InviteLinkState linkState(String link) {
        return links.get(link);
    }

    synchronized long nowSeconds() {
        return time.now().getEpochSecond();
    }

    byte[] key() {
        return authKey;
    }

    /** The envelope of a key this server knows (the pre-seeded one, or one a client made), or null. */
    @Nullable Envelope envelope(long authKeyId) {
        return keys.get(authKeyId);
    }

    void registerKey(byte[] key) {
        Envelope e = new Envelope(key);
        if (keys.putIfAbsent(e.authKeyId(), e) == null) {
            synchronized (this) {
                keysMade++;
            }
        }
    }

    synchronized AuthKeyServer newKeyExchange() {
        KeyExchange next = keyOutcomes.isEmpty() ? KeyExchange.OK : keyOutcomes.poll();
        AuthKeyServer.Outcome outcome = switch (next) {
            case OK -> AuthKeyServer.Outcome.OK;
            case RETRY_ONCE -> AuthKeyServer.Outcome.RETRY_ONCE;
            case FAIL -> AuthKeyServer.Outcome.FAIL;
        };
        SplittableRandom r = new SplittableRandom(random.nextLong());
        return new AuthKeyServer(rsaKey(), DhChecks.TELEGRAM_PRIME, 3, r::nextBytes,
                () -> (int) (serverEpochNanos() / 1_000_000_000L), outcome);
    }

    /** One RSA key per JVM: making a 2048-bit key takes a while, and every simulator may share it. */
    private static synchronized AuthKeyServer.RsaPrivateKey rsaKey() {
        AuthKeyServer.RsaPrivateKey key = rsa;
        if (key == null) {
            try {
                java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                java.security.interfaces.RSAPrivateCrtKey k =
                        (java.security.interfaces.RSAPrivateCrtKey) generator.generateKeyPair().getPrivate();
                key = new AuthKeyServer.RsaPrivateKey(new RsaPublicKey(k.getModulus(), k.getPublicExponent()),
                        k.getPrivateExponent());
                rsa = key;
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JDK cannot make RSA keys", e);
            }
        }
        return key;
    }

    /**
     * This server's RSA public key, as PKCS#1 PEM: give it to the client that makes a new auth key
     * here (a real client trusts Telegram's published keys instead).
     *
     * @return the PEM text
     */
    public String rsaPublicKeyPem() {
        return rsaKey().publicKey().toPem();
    }

    /**
     * Makes the next auth key exchanges end as given (in order; then {@code OK}).
     *
     * @param outcomes what the exchanges' last step answers
     * @return this simulator
     */
    public synchronized TelegramSimulator keyExchangeOutcomes(KeyExchange... outcomes) {
        keyOutcomes.addAll(List.of(outcomes));
        return this;
    }

    // ---- login ----

    /**
     * Names another data centre in this server's {@code help.getConfig} (at 127.0.0.1), so a
     * client sent there ({@code PHONE_MIGRATE_X}) finds it.
     *
     * @param dc its number
     * @param port its port (another simulator's)
     * @return this simulator
     */
    public synchronized TelegramSimulator dataCentre(int dc, int port) {
        otherDataCentres.put(dc, port);
        return this;
    }

    /**
     * Moves the account to another data centre, as Telegram may at any time: every call of a
     * logged-in key then answers {@code 303} with the given error (such as {@code USER_MIGRATE_4}
     * or {@code NETWORK_MIGRATE_4}), except {@code auth.exportAuthorization}, whose answer
     * {@code there} accepts once in {@code auth.importAuthorization}. Give {@code there} the same
     * groups and people: the two data centres share only the authorization.
     *
     * @param error the 303 error, ending in the data centre's number
     * @param there the fake server of that data centre
     * @return this simulator
     */
    public synchronized TelegramSimulator migrateCalls(String error, TelegramSimulator there) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[A-Z]+_MIGRATE_(\\d+)").matcher(
                Objects.requireNonNull(error, "error must not be null"));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected an error such as USER_MIGRATE_4, got " + error);
        }
        this.migratedError = error;
        this.migratedTo = Integer.parseInt(m.group(1));
        this.migrationTarget = Objects.requireNonNull(there, "there must not be null");
        return this;
    }

    /** The 303 error a call answers, or null: export and login calls are never moved. */
    synchronized @Nullable String migratedCallError(int constructor) {
        return migratedError == null || constructor == io.groupkit.mtproto.Constructors.AUTH_EXPORT_AUTHORIZATION
                ? null : migratedError;
    }

    /** An authorization for data centre {@code dc}, registered with its fake server; null if none is linked. */
    synchronized byte @Nullable [] exportAuthorization(int dc, long[] idOut) {
        if (migrationTarget == null || dc != migratedTo) {
            return null;
        }
        byte[] bytes = new byte[128];
        random.nextBytes(bytes);
        idOut[0] = SELF;
        migrationTarget.expectImport(SELF, bytes);
        exports++;
        return bytes;
    }

    private synchronized void expectImport(long id, byte[] bytes) {
        imports.put(id, bytes.clone());
    }

    synchronized boolean takeImport(long id, byte[] bytes) {
        byte[] expected = imports.get(id);
        if (expected == null || !java.security.MessageDigest.isEqual(expected, bytes)) {
            return false;
        }
        imports.remove(id);
        return true;
    }

    /**
     * How many authorizations were exported to another data centre.
     *
     * @return the count
     */
    public synchronized int exports() {
        return exports;
    }

    synchronized Map<Integer, Integer> dataCentres() {
        Map<Integer, Integer> all = new java.util.TreeMap<>(otherDataCentres);
        all.put(dcId(), port());
        return all;
    }

    synchronized int dcId() {
        return thisDc;
    }

    /**
     * Which data centre this fake server is: what its {@code help.getConfig} says as {@code this_dc}
     * (2 unless told; a second simulator standing in for data centre 4 says 4).
     *
     * @param dc the data centre's number
     * @return this simulator
     */
    public synchronized TelegramSimulator thisDataCentre(int dc) {
        if (dc < 1) {
            throw new IllegalArgumentException("expected a data centre number from 1, got " + dc);
        }
        this.thisDc = dc;
        return this;
    }

    /**
     * Protects the account with a two-step verification password: a login then needs it after
     * the code (SRP; the server keeps only the password's verifier).
     *
     * @param newPassword the password
     * @return this simulator
     */
    public synchronized TelegramSimulator twoStepPassword(String newPassword) {
        Objects.requireNonNull(newPassword, "newPassword must not be null");
        byte[] salt1 = new byte[40];
        byte[] salt2 = new byte[16];
        random.nextBytes(salt1);
        random.nextBytes(salt2);
        this.password = newPassword;
        this.srpSalts = new byte[][] {salt1, salt2};
        this.passwordHash = io.groupkit.mtproto.Srp.passwordHash(newPassword.toCharArray(), salt1, salt2);
        return this;
    }

    /**
     * The login code this server "sent" last (what the user would read in the app).
     *
     * @return the code, or empty if none was sent
     */
    public synchronized Optional<String> lastLoginCode() {
        return Optional.ofNullable(lastCode);
    }

    /**
     * Makes {@code auth.sendCode} answer {@code PHONE_MIGRATE_X}: the account lives in another
     * data centre (0 for this one).
     *
     * @param dc the data centre to send the client to
     * @return this simulator
     */
    public synchronized TelegramSimulator loginMigratesTo(int dc) {
        this.loginHomeDc = dc;
        return this;
    }

    /**
     * Makes the next {@code auth.sendCode} answer {@code FLOOD_WAIT_X}.
     *
     * @param seconds the wait
     * @return this simulator
     */
    public synchronized TelegramSimulator loginFloodWait(int seconds) {
        this.loginFloodWait = "FLOOD_WAIT_" + seconds;
        return this;
    }

    /**
     * The phone number the account logs in with.
     *
     * @return its digits
     */
    public String loginPhone() {
        return Objects.requireNonNull(self().phone(), "the simulator's own account has a phone number");
    }

    /**
     * Whether a key has logged in (the pre-seeded one has).
     *
     * @param authKeyId the key's id
     * @return true if so
     */
    public boolean authorized(long authKeyId) {
        return authorized.contains(authKeyId);
    }

    LoginDesk login() {
        return login;
    }

    int loginHomeDc() {
        return loginHomeDc;
    }

    @Nullable String loginFloodWait() {
        String wait = loginFloodWait;
        loginFloodWait = null;
        return wait;
    }

    void codeSent(String phone, String code) {
        calls.add("auth.sendCode");
        lastCode = code;
    }

    boolean isSelfPhone(String phone) {
        return phone.equals(loginPhone());
    }

    @Nullable String twoStepPassword() {
        return password;
    }

    byte @Nullable [][] srpSalts() {
        return srpSalts;
    }

    byte @Nullable [] passwordHash() {
        return passwordHash;
    }

    void authorize(long authKeyId) {
        authorized.add(authKeyId);
    }

    /** How an auth key exchange on this server ends. */
    public enum KeyExchange {
        /** {@code dh_gen_ok}: the key is made. */
        OK,
        /** {@code dh_gen_retry} once (the client sends a new g_b), then {@code dh_gen_ok}. */
        RETRY_ONCE,
        /** {@code dh_gen_fail}. */
        FAIL
    }

    /**
     * How many auth keys clients made on this server.
     *
     * @return the count
     */
    public synchronized int keysMade() {
        return keysMade;
    }

    private Group existing(long groupId) {
        Group g = groups.get(groupId);
        if (g == null) {
            throw new IllegalArgumentException("expected a group added with basicGroup or supergroup, got " + groupId);
        }
        return g;
    }

    private static long hashFor(long id) {
        long h = id * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 29) ^ 0x5DEECE66DL;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        dropConnections();
    }

    @Override
    public String toString() {
        return "TelegramSimulator[127.0.0.1:" + server.getLocalPort() + "]";
    }
}
