package io.groupkit.greenapi.internal;

import io.groupkit.core.AddResult;
import io.groupkit.core.Added;
import io.groupkit.core.GroupRef;
import io.groupkit.core.NotFound;
import io.groupkit.core.Outcome;
import io.groupkit.core.Unavailable;
import io.groupkit.core.Unrecognized;
import io.groupkit.core.internal.AsyncCache;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.spi.Effect;
import io.groupkit.core.time.TimeSource;
import io.groupkit.greenapi.internal.GreenApiAnswers.Failed;
import io.groupkit.greenapi.internal.GreenApiAnswers.Json;
import io.groupkit.greenapi.internal.GreenApiAnswers.Names;
import io.groupkit.greenapi.internal.GreenApiAnswers.Read;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Groups' data from {@code getGroupData}: read fresh for the listings, cached for diagnosis and
 * pre-checks, with the members this process added or removed since laid over it, and the adds
 * under way that a refused add waits for. The one place that pairs a member's {@code @lid} with a
 * number.
 */
public final class GroupDataCache {
    /** What a look-up of a group's data found: the data, or the outcome of the failure. */
    public sealed interface Lookup permits Found, Refused {
    }

    /**
     * The group's data.
     *
     * @param data the data, with this process's later changes laid over it
     */
    public record Found(GroupData data) implements Lookup {
    }

    /**
     * The failure.
     *
     * @param outcome what the look-up met
     */
    public record Refused(Outcome outcome) implements Lookup {
        /**
         * Whether the failure says that the group does not exist (or that the instance is not in it).
         *
         * @return true for a {@link NotFound} of the group
         */
        public boolean groupNotFound() {
            return outcome instanceof NotFound n && n.subject() == NotFound.Subject.GROUP;
        }
    }

    /** One add of a person to a group, under way in this process. */
    public static final class AddUnderWay {
        private final AddRequest add;
        private final String key;
        // completes once the add's answer is read (and a success recorded)
        private final CompletableFuture<Void> answered = new CompletableFuture<>();

        private AddUnderWay(AddRequest add) {
            this.add = add;
            this.key = add.group().key() + " " + add.chatId();
        }
    }

    private enum Change {
        JOINED, LEFT
    }

    /** A member this process added or removed, at a time on the client's clock. */
    private record LocalChange(String chatId, Change change, long atNanos) {
        GroupData applyTo(GroupData data) {
            return change == Change.JOINED ? data.with(chatId) : data.without(chatId);
        }
    }

    private final Transport transport;
    private final GreenApiAnswers answers;
    private final ProductRules rules;
    private final Limits limits;
    private final TimeSource time;
    private final AsyncCache<String, Lookup> groups;
    // lid -> phone chat id, as getGroupData answers pair them: the only source that may tie the two.
    private final ConcurrentMap<String, String> numbersOfLids = new ConcurrentHashMap<>();
    // phone chat id -> lid, the same pairs the other way round
    private final ConcurrentMap<String, String> lidsOfNumbers = new ConcurrentHashMap<>();
    private final Duration changesKept;
    // group id -> the members this process added or removed lately, laid over group data read before
    private final ConcurrentMap<String, Deque<LocalChange>> localChanges = new ConcurrentHashMap<>();
    // "group chatId" -> adds of that person to that group under way in this process
    private final ConcurrentMap<String, Set<AddUnderWay>> addsUnderWay = new ConcurrentHashMap<>();

    /**
     * The groups' data of one instance.
     *
     * @param transport the instance's transport
     * @param answers its answer reader
     * @param rules the product's rules: the group's field, the participants' ids
     * @param limits the pacing of {@code getGroupData}
     * @param time the clock for expiry and for the order of changes
     * @param ttl how long a group's data is trusted; changes this process made are kept twice as long
     */
    public GroupDataCache(Transport transport, GreenApiAnswers answers, ProductRules rules, Limits limits, TimeSource time,
                          Duration ttl) {
        this.transport = transport;
        this.answers = answers;
        this.rules = rules;
        this.limits = limits;
        this.time = time;
        this.groups = new AsyncCache<>(time, ttl);
        this.changesKept = ttl.multipliedBy(2);
    }

    // ---- reading ----

    /**
     * Fresh group data (the caller has paced the call), or the failure outcome; the answer is
     * cached for the next look-up.
     *
     * @param group the group
     * @return the look-up
     */
    public CompletionStage<Lookup> read(GroupRef group) {
        long readAt = time.nanoTime();
        // A read several calls share through the cache: never made on one caller's thread.
        return transport.post("getGroupData", rules.groupBody(group)).thenApply(reply -> {
            Read read = answers.read("getGroupData", reply, Effect.SAFE_TO_REPEAT, Names.A_GROUP);
            if (read instanceof Failed f) {
                Refused refused = new Refused(f.outcome());
                if (refused.groupNotFound()) {
                    groups.put(group.key(), refused);
                }
                return refused;
            }
            Json json = (Json) read;
            Optional<GroupData> data = GroupData.from(json.json(), rules);
            if (data.isEmpty()) {
                return new Refused(json.json().isObject() && !json.json().has(rules.groupField())
                        ? new NotFound(answers.detail("NO_GROUP_DATA", json.raw()).withStatus(200), NotFound.Subject.GROUP)
                        : new Unrecognized(answers.detail("UNEXPECTED_ANSWER", json.raw()).withStatus(200)));
            }
            learnLids(data.get());
            Found found = new Found(withChangesSince(group.key(), data.get(), readAt));
            groups.put(group.key(), found);
            return found;
        });
    }

    /**
     * Group data for diagnosis and pre-checks, cached; a group that does not exist is remembered
     * as such for as long, other failures are not.
     *
     * @param ctx the attempt, for pacing a read
     * @param group the group
     * @return the look-up
     */
    public CompletionStage<Lookup> cached(AttemptContext ctx, GroupRef group) {
        return orUnavailable(groups.get(group.key(), reader(ctx, group)));
    }

    /**
     * Group data read now, whatever is cached (the answer is cached for the next look-up).
     *
     * @param ctx the attempt, for pacing the read
     * @param group the group
     * @return the look-up
     */
    public CompletionStage<Lookup> fresh(AttemptContext ctx, GroupRef group) {
        return orUnavailable(groups.refresh(group.key(), reader(ctx, group)));
    }

    /**
     * The group's cached data, without reading: what was known before a change is sent.
     *
     * @param group the group
     * @return the data, or empty when none is cached
     */
    public Optional<GroupData> peek(GroupRef group) {
        return groups.peek(group.key()).filter(Found.class::isInstance).map(l -> ((Found) l).data());
    }

    /**
     * Drops a group's cached data: a change was made that the data cannot follow.
     *
     * @param groupKey the group's id
     */
    public void forget(String groupKey) {
        groups.invalidate(groupKey);
    }

    /**
     * A chat id as the listings name the person: the number paired with a {@code @lid}, where an
     * answer paired them.
     *
     * @param chatId a chat id or lid
     * @return the paired number's chat id, or the id itself
     */
    public String canonical(String chatId) {
        return chatId.endsWith("@lid") ? numbersOfLids.getOrDefault(chatId, chatId) : chatId;
    }

    /**
     * Every key a person is known by here: the chat id's own, and the paired number's or lid's
     * where an answer paired them. A phone and its {@code @c.us} id share {@code phone:digits}.
     *
     * @param chatId a chat id or lid
     * @return the keys ({@link ProductRules#key})
     */
    public Set<String> keys(String chatId) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(rules.key(chatId));
        String number = canonical(chatId);
        keys.add(rules.key(number));
        String lid = lidsOfNumbers.get(number);
        if (lid != null) {
            keys.add(rules.key(lid));
        }
        return keys;
    }

    private Supplier<CompletionStage<Optional<Lookup>>> reader(AttemptContext ctx, GroupRef group) {
        return () -> ctx.pace(limits.getGroupData).thenCompose(v -> read(group)).thenApply(Optional::of);
    }

    private CompletionStage<Lookup> orUnavailable(CompletionStage<Optional<Lookup>> lookup) {
        return lookup.thenApply(found -> found.orElseGet(() -> new Refused(new Unavailable(answers.detail(
                "NO_GROUP_DATA", "getGroupData could not be read")))));
    }

    private void learnLids(GroupData data) {
        if (numbersOfLids.size() > 100_000) {
            numbersOfLids.clear(); // a bound, not a cache policy: pairs are learned again from the next answers
            lidsOfNumbers.clear();
        }
        for (GroupData.Participant p : data.participants()) {
            if (p.numberKnown() && p.lid().isPresent()) {
                numbersOfLids.put(p.lid().get(), p.id());
                lidsOfNumbers.put(p.id(), p.lid().get());
            }
        }
    }

    // ---- changes this process made ----

    /**
     * Records that this process removed a person from a group.
     *
     * @param group the group
     * @param chatId the person's chat id
     */
    public void left(GroupRef group, String chatId) {
        changed(group, new LocalChange(chatId, Change.LEFT, time.nanoTime()));
    }

    /**
     * Keeps the cached data of a group current after a change this process made, and remembers
     * the change for data read before it and answered after it.
     */
    private void changed(GroupRef group, LocalChange change) {
        Deque<LocalChange> changes = localChanges.computeIfAbsent(group.key(),
                k -> new ConcurrentLinkedDeque<>());
        changes.addLast(change);
        long oldest = change.atNanos() - changesKept.toNanos();
        for (LocalChange c = changes.peekFirst(); c != null && c.atNanos() - oldest < 0; c = changes.peekFirst()) {
            changes.pollFirst();
        }
        groups.update(group.key(), l -> l instanceof Found f ? new Found(change.applyTo(f.data())) : l);
    }

    /** Group data read at {@code readAt}, with the changes this process made since laid over it. */
    private GroupData withChangesSince(String groupKey, GroupData data, long readAt) {
        GroupData current = data;
        for (LocalChange c : localChanges.getOrDefault(groupKey, new ArrayDeque<>())) {
            if (c.atNanos() - readAt >= 0) {
                current = c.applyTo(current);
            }
        }
        return current;
    }

    // ---- adds under way ----

    /**
     * Records an add that is about to be sent; {@link #ended} forgets it.
     *
     * @param add the add
     * @return the add under way
     */
    public AddUnderWay starting(AddRequest add) {
        AddUnderWay mine = new AddUnderWay(add);
        addsUnderWay.compute(mine.key, (k, set) -> {
            Set<AddUnderWay> all = set != null ? set : ConcurrentHashMap.newKeySet();
            all.add(mine);
            return all;
        });
        return mine;
    }

    /**
     * Records that an add was answered with a refusal, and completes when every other add of the
     * same person to the same group under way in this process has its answer: one of them may have
     * put the person in the group (WhatsApp then refuses this one), and its success is recorded in
     * the cached data. Waiting for answers, not for diagnoses, two refused adds never wait for each
     * other.
     *
     * @param mine the refused add
     * @return the other adds' answers
     */
    public CompletableFuture<Void> refused(AddUnderWay mine) {
        Set<AddUnderWay> all = addsUnderWay.getOrDefault(mine.key, Set.of());
        CompletableFuture<Void> others = CompletableFuture.allOf(all.stream().filter(a -> a != mine)
                .map(a -> a.answered).toArray(CompletableFuture[]::new));
        mine.answered.complete(null);
        return others;
    }

    /**
     * Forgets an add whose outcome is known, after recording a success: {@link Added}, from the
     * first answer or after the contact was saved, put the person in the group.
     *
     * @param mine the add
     * @param outcome its outcome, or null when the add failed with an exception
     */
    public void ended(AddUnderWay mine, @Nullable AddResult outcome) {
        if (outcome instanceof Added) {
            changed(mine.add.group(), new LocalChange(mine.add.chatId(), Change.JOINED, time.nanoTime()));
        }
        mine.answered.complete(null);
        addsUnderWay.computeIfPresent(mine.key, (k, set) -> {
            set.remove(mine);
            return set.isEmpty() ? null : set;
        });
    }
}
