package io.groupkit.core.spi;

import io.groupkit.core.EventsResult;
import io.groupkit.core.GroupRef;
import io.groupkit.core.Member;
import io.groupkit.core.MembersResult;
import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.time.TimeSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link WatchSource} that passes every call to another, for a wrapper that changes one thing
 * (drops the listing limits on a simulator, traces the reads): extend it and override that one
 * method. A hand-written wrapper that forgets a method (the group's record, the pushed events)
 * silently turns a watch back to listings; this one forwards them all.
 */
public abstract class ForwardingWatchSource implements WatchSource {
    private final WatchSource delegate;

    /**
     * A source over another.
     *
     * @param delegate the source every call goes to
     */
    protected ForwardingWatchSource(WatchSource delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate must not be null");
    }

    /**
     * The source calls go to.
     *
     * @return the delegate
     */
    protected final WatchSource delegate() {
        return delegate;
    }

    @Override
    public String accountKey() {
        return delegate.accountKey();
    }

    @Override
    public Capabilities capabilities() {
        return delegate.capabilities();
    }

    @Override
    public TimeSource time() {
        return delegate.time();
    }

    @Override
    public CompletableFuture<MembersResult> members(GroupRef group) {
        return delegate.members(group);
    }

    @Override
    public CompletableFuture<EventsResult> events(Optional<String> cursor) {
        return delegate.events(cursor);
    }

    @Override
    public CompletableFuture<EventsResult> groupEvents(GroupRef group, Optional<String> cursor) {
        return delegate.groupEvents(group, cursor);
    }

    @Override
    public Set<String> identities(Member member) {
        return delegate.identities(member);
    }

    @Override
    public List<RateLimit> listingLimits() {
        return delegate.listingLimits();
    }
}
