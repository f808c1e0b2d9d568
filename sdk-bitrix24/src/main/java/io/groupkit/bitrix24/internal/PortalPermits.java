package io.groupkit.bitrix24.internal;

import io.groupkit.core.policy.RateLimit;
import io.groupkit.core.spi.AttemptContext;
import io.groupkit.core.time.TimeSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Permits of the portal's request bucket for the HTTP requests of one attempt. The portal counts
 * every request (a resend after a token refresh, a re-POST after a 302, a listing that settles an
 * answer, a batch), so each takes a permit; only the first may already have been paid for by the
 * core, which paces an operation before it starts.
 */
public final class PortalPermits {
    private final AttemptContext ctx;
    private final RateLimit portal;
    private final AtomicBoolean prepaid;

    private PortalPermits(AttemptContext ctx, RateLimit portal, boolean prepaid) {
        this(ctx, portal, new AtomicBoolean(prepaid));
    }

    private PortalPermits(AttemptContext ctx, RateLimit portal, AtomicBoolean prepaid) {
        this.ctx = ctx;
        this.portal = portal;
        this.prepaid = prepaid;
    }

    /**
     * Permits for an attempt the core has paced: the first request is paid for.
     *
     * @param ctx the attempt
     * @param portal the portal's bucket
     * @return the permits
     */
    public static PortalPermits firstPaid(AttemptContext ctx, RateLimit portal) {
        return new PortalPermits(ctx, portal, true);
    }

    /**
     * Permits for requests nobody has paced yet.
     *
     * @param ctx the attempt
     * @param portal the portal's bucket
     * @return the permits
     */
    public static PortalPermits unpaid(AttemptContext ctx, RateLimit portal) {
        return new PortalPermits(ctx, portal, false);
    }

    /**
     * The same permits (a paid first request is used once by either) for requests that may serve
     * other attempts too, such as a listing several adds share: they never block the thread they are
     * made on, which may be another caller's, even when this attempt's caller waits.
     *
     * @return the permits, for requests that do not block
     */
    public PortalPermits nonBlocking() {
        if (!ctx.callerWaits()) {
            return this;
        }
        AttemptContext own = ctx;
        AttemptContext async = new AttemptContext() {
            @Override
            public int attempt() {
                return own.attempt();
            }

            @Override
            public TimeSource time() {
                return own.time();
            }

            @Override
            public CompletionStage<Void> pace(RateLimit limit) {
                return own.pace(limit);
            }
        };
        return new PortalPermits(async, portal, prepaid);
    }

    /**
     * Waits for the permit of the next request.
     *
     * @return completes when the request may go
     */
    public CompletionStage<Void> next() {
        return prepaid.getAndSet(false) ? CompletableFuture.completedFuture(null) : ctx.pace(portal);
    }

    /**
     * The attempt these permits belong to (its requests may be made on a waiting caller's thread).
     *
     * @return the attempt
     */
    public AttemptContext attempt() {
        return ctx;
    }
}
