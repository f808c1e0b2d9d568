package io.groupkit.telegram.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The access hashes the account has seen, by user id: from resolves and from member listings, so
 * that a person named by id alone can be added or removed. Bounded: past the cap the least
 * recently used are forgotten (a listing of a large supergroup brings up to 10,000 at once), and a
 * forgotten one only means the next call by id alone answers ACCESS_HASH_UNKNOWN.
 */
final class AccessHashes {
    /** About 10 large supergroups' listings; some 8 MB at most. */
    static final int DEFAULT_CAP = 100_000;

    private final Map<Long, Long> byUser;

    AccessHashes(int cap) {
        this.byUser = new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                return size() > cap;
            }
        };
    }

    synchronized void put(long userId, long accessHash) {
        byUser.put(userId, accessHash);
    }

    synchronized void putAll(Map<Long, Long> hashes) {
        byUser.putAll(hashes);
    }

    synchronized OptionalLong get(long userId) {
        Long hash = byUser.get(userId);
        return hash == null ? OptionalLong.empty() : OptionalLong.of(hash);
    }

    synchronized int size() {
        return byUser.size();
    }
}
