package io.groupkit.core.spi;

import io.groupkit.core.EventsResult;
import io.groupkit.core.GroupMembership;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MembersResult;
import io.groupkit.core.ProviderDetail;
import io.groupkit.core.Unsupported;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.time.TimeSource;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What a {@link io.groupkit.core.events.MembershipWatch} reads an account through. GroupKit's
 * clients give a full one ({@link GroupMembership#watch()}: listings under the client's pacing,
 * the provider's pushed events, its ways of naming a person, its listing limits); {@link #of}
 * makes one of any {@link GroupMembership} from its public methods alone.
 */
public interface WatchSource {

    /**
     * The account, as in rate-limit keys and store scopes ({@code green-api:7103000001}).
     *
     * @return the account key
     */
    String accountKey();

    /**
     * What the provider can do and report.
     *
     * @return the capabilities
     */
    Capabilities capabilities();

    /**
     * The clock the watch waits on.
     *
     * @return the time source
     */
    TimeSource time();

    /**
     * Lists a group, with the client's pacing and retries.
     *
     * @param group the group
     * @return the listing; the future does not fail
     */
    CompletableFuture<MembersResult> members(GroupRef group);

    /**
     * Reads the provider's pushed events after a cursor ({@link MembershipProvider#events}).
     *
     * @param cursor where the last read ended, or empty to start from now
     * @return the page; {@link Unsupported} by default
     */
    default CompletableFuture<EventsResult> events(Optional<String> cursor) {
        return CompletableFuture.completedFuture(new Unsupported(ProviderDetail.of(accountKey(), "UNSUPPORTED")
                .withDescription("this source has no pushed events")));
    }

    /**
     * Reads one group's own record of membership changes after a cursor
     * ({@link MembershipProvider#groupEvents}).
     *
     * @param group the group
     * @param cursor where the last read of this group ended, or empty to start from now
     * @return the page; {@link Unsupported} by default
     */
    default CompletableFuture<EventsResult> groupEvents(GroupRef group, Optional<String> cursor) {
        return CompletableFuture.completedFuture(new Unsupported(ProviderDetail.of(accountKey(), "UNSUPPORTED")
                .withDescription("this source has no record of a group's changes")));
    }

    /**
     * The keys a person can be matched by ({@link MembershipProvider#identities}).
     *
     * @param member the person
     * @return the keys
     */
    default Set<String> identities(Member member) {
        String value = member.kind() == io.groupkit.core.MemberKind.USERNAME ? member.value().toLowerCase(Locale.ROOT)
                : member.value();
        return Set.of(member.kind().name() + ":" + value);
    }

    /**
     * The limits one listing waits for, so that a watch can leave room for everyone else's calls.
     *
     * @return the limits; empty when unknown
     */
    default List<RateLimit> listingLimits() {
        return List.of();
    }

    /**
     * A source over any client, from its public methods: listings only, on the system clock.
     *
     * @param client the client
     * @return the source
     */
    static WatchSource of(GroupMembership client) {
        Objects.requireNonNull(client, "client must not be null");
        return new WatchSource() {
            @Override
            public String accountKey() {
                return client.provider();
            }

            @Override
            public Capabilities capabilities() {
                return client.capabilities();
            }

            @Override
            public TimeSource time() {
                return TimeSource.system();
            }

            @Override
            public CompletableFuture<MembersResult> members(GroupRef group) {
                return client.membersAsync(group);
            }
        };
    }
}
