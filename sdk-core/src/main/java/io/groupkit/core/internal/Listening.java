package io.groupkit.core.internal;

import io.groupkit.core.BulkProgress;
import io.groupkit.core.BulkReport;
import io.groupkit.core.GroupKitListener;
import io.groupkit.core.LinkFallback;
import io.groupkit.core.Outcome;
import io.groupkit.core.spi.MembershipCheck;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's listener, made safe: an event that throws is logged once per client and dropped, and
 * the call goes on as if nothing had happened.
 */
final class Listening implements GroupKitListener {
    private static final Logger LOG = LoggerFactory.getLogger("io.groupkit.core");
    private static final AtomicLong IDS = new AtomicLong();

    private final GroupKitListener listener;
    private final String provider;
    private final AtomicBoolean complained = new AtomicBoolean();

    Listening(GroupKitListener listener, String provider) {
        this.listener = listener;
        this.provider = provider;
    }

    /** A new call of this client's provider. */
    Call call(String operation) {
        return new Call(IDS.incrementAndGet(), provider, operation);
    }

    private void safely(Runnable event) {
        if (listener == GroupKitListener.NONE) {
            return;
        }
        try {
            event.run();
        } catch (RuntimeException | Error e) {
            if (complained.compareAndSet(false, true)) {
                LOG.warn("{}: the GroupKitListener {} threw {}; its events are dropped when they throw, calls go on",
                        provider, listener.getClass().getName(), e.getClass().getName());
            }
        }
    }

    @Override
    public void callStarted(Call call) {
        safely(() -> listener.callStarted(call));
    }

    @Override
    public void callEnded(Call call, Outcome outcome, Duration took) {
        safely(() -> listener.callEnded(call, outcome, took));
    }

    @Override
    public void callDropped(Call call) {
        safely(() -> listener.callDropped(call));
    }

    @Override
    public void attemptStarted(Call call, int attempt) {
        safely(() -> listener.attemptStarted(call, attempt));
    }

    @Override
    public void attemptEnded(Call call, int attempt, Outcome outcome, Duration took) {
        safely(() -> listener.attemptEnded(call, attempt, outcome, took));
    }

    @Override
    public void waited(Call call, String limit, Duration wait) {
        safely(() -> listener.waited(call, limit, wait));
    }

    @Override
    public void retried(Call call, int nextAttempt, Outcome because, Duration after) {
        safely(() -> listener.retried(call, nextAttempt, because, after));
    }

    @Override
    public void settled(Call call, Outcome lost, MembershipCheck found, Outcome settled) {
        safely(() -> listener.settled(call, lost, found, settled));
    }

    @Override
    public void fallback(Call call, LinkFallback refusal) {
        safely(() -> listener.fallback(call, refusal));
    }

    @Override
    public void bulkProgress(String provider, BulkProgress progress) {
        safely(() -> listener.bulkProgress(provider, progress));
    }

    @Override
    public void bulkEnded(String provider, BulkReport report) {
        safely(() -> listener.bulkEnded(provider, report));
    }
}
