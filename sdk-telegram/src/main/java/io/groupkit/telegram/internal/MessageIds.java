package io.groupkit.telegram.internal;

import io.groupkit.core.time.TimeSource;
import java.time.Instant;

/**
 * A session's message ids and sequence numbers. msg_id is about unix time × 2^32, divisible by 4
 * for a client, strictly increasing; seq_no is {@code 2n+1} for a content-related message (then n
 * grows) and {@code 2n} otherwise. The clock offset to the server can be corrected from a server
 * msg_id (bad_msg_notification 16 and 17). Thread-safe.
 */
public final class MessageIds {
    private final TimeSource time;
    private long offsetNanos;
    private long last;
    private int contentMessages;

    /**
     * Ids for a new session.
     *
     * @param time the clock
     */
    public MessageIds(TimeSource time) {
        this.time = time;
    }

    /**
     * The next message id.
     *
     * @return an id divisible by 4, greater than every id before
     */
    public synchronized long next() {
        Instant now = time.now().plusNanos(offsetNanos);
        long id = (now.getEpochSecond() << 32) | (((long) now.getNano() << 32) / 1_000_000_000L & 0xffffffffL);
        id &= ~3L;
        if (id <= last) {
            id = last + 4;
        }
        last = id;
        return id;
    }

    /**
     * The sequence number of a content-related message (an RPC query, a ping): {@code 2n+1}, and
     * n grows.
     *
     * @return the sequence number
     */
    public synchronized int contentSeqNo() {
        return 2 * contentMessages++ + 1;
    }

    /**
     * The sequence number of a service message (acks, containers, gzip_packed): {@code 2n}.
     *
     * @return the sequence number
     */
    public synchronized int serviceSeqNo() {
        return 2 * contentMessages;
    }

    /**
     * Moves the sequence after the server said ours was too low (code 32: a big step up) or too
     * high (code 33: a small step down, never below zero).
     *
     * @param contentMessages how many content-related messages to add or take away
     */
    public synchronized void shiftSeqNo(int contentMessages) {
        this.contentMessages = Math.max(0, this.contentMessages + contentMessages);
    }

    /**
     * Whether a server message id lies within the freshness window of our clock (300 s back,
     * 30 s ahead), parity aside.
     *
     * @param serverMsgId the id
     * @return true if fresh
     */
    public synchronized boolean fresh(long serverMsgId) {
        long nowSeconds = time.now().plusNanos(offsetNanos).getEpochSecond();
        long seconds = serverMsgId >>> 32;
        return seconds >= nowSeconds - 300 && seconds <= nowSeconds + 30;
    }

    /**
     * Whether a server message id is ahead of our clock by more than the 30 s a fresh one may be,
     * but not by more than 300 s: the server's clock is ahead, and ours should follow it.
     *
     * @param serverMsgId the id
     * @return true if so
     */
    public synchronized boolean aheadWithinReason(long serverMsgId) {
        long nowSeconds = time.now().plusNanos(offsetNanos).getEpochSecond();
        long seconds = serverMsgId >>> 32;
        return seconds > nowSeconds + 30 && seconds <= nowSeconds + 300;
    }

    /**
     * Corrects the clock from a message id the server sent, after it said our ids were too low or
     * too high. Ids never go back within a session (a server rejects them, code 16): when the
     * corrected clock is behind the last id sent, the caller must start a new session, and this
     * starts its ids and sequence numbers afresh.
     *
     * @param serverMsgId a msg_id from the server
     * @return true if a new session must begin
     */
    public synchronized boolean resync(long serverMsgId) {
        Instant server = Instant.ofEpochSecond(serverMsgId >>> 32, ((serverMsgId & 0xffffffffL) * 1_000_000_000L) >>> 32);
        Instant local = time.now();
        offsetNanos = java.time.Duration.between(local, server).toNanos();
        Instant now = local.plusNanos(offsetNanos);
        long wouldBe = (now.getEpochSecond() << 32) | (((long) now.getNano() << 32) / 1_000_000_000L & 0xffffffffL);
        if ((wouldBe & ~3L) > last) {
            return false; // forward: the next ids follow on
        }
        last = 0;
        contentMessages = 0;
        return true;
    }

    /**
     * Whether a server's message id is acceptable: odd-or-1-mod-4 parity for server messages, not
     * more than 300 s old and not more than 30 s ahead of our clock.
     *
     * @param serverMsgId the id
     * @return true if acceptable
     */
    public synchronized boolean acceptableFromServer(long serverMsgId) {
        return serverParity(serverMsgId) && fresh(serverMsgId);
    }

    /**
     * Whether an id has a server's parity (1 or 3 modulo 4).
     *
     * @param msgId the id
     * @return true for server ids
     */
    public static boolean serverParity(long msgId) {
        return (msgId & 1) == 1;
    }
}
