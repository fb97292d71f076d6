package dev.actr.lanes.session;

import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A set of signing public keys by key id, each valid until a time (the current key: for ever; a retired key:
 * until the last credential it signed has expired). Thread safe; bounded (the oldest-expiring key makes room).
 */
public class SigningKeyRing implements SigningKeyResolver
{
    /** Valid-until of a key that is not retired. */
    public static final long FOREVER = Long.MAX_VALUE;
    /** Default bound on the number of keys kept. */
    public static final int DEFAULT_CAPACITY = 64;

    private final Map<Integer, Entry> keys = new ConcurrentHashMap<>();
    private final int capacity;

    /**
     * A ring holding up to {@link #DEFAULT_CAPACITY} keys.
     */
    public SigningKeyRing()
    {
        this(DEFAULT_CAPACITY);
    }

    /**
     * @param capacity most keys kept.
     */
    public SigningKeyRing(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Add or replace a key.
     *
     * @param keyId          its id.
     * @param publicKey      the key.
     * @param validUntilSec  Unix epoch seconds after which it verifies nothing, or {@link #FOREVER}.
     */
    public synchronized void put(final int keyId, final PublicKey publicKey, final long validUntilSec)
    {
        if (!keys.containsKey(keyId) && keys.size() >= capacity)
        {
            evictOne();
        }
        keys.put(keyId, new Entry(publicKey, validUntilSec));
    }

    /**
     * @param keyId a key id.
     */
    public void remove(final int keyId)
    {
        keys.remove(keyId);
    }

    /**
     * Drop every key whose window ended before {@code nowEpochSec}.
     *
     * @param nowEpochSec Unix epoch seconds.
     */
    public void pruneExpired(final long nowEpochSec)
    {
        keys.values().removeIf(entry -> entry.validUntilSec < nowEpochSec);
    }

    /**
     * @return how many keys are held.
     */
    public int size()
    {
        return keys.size();
    }

    /**
     * @param keyId a key id.
     * @return the end of its window in Unix epoch seconds ({@link #FOREVER} for a current key), or -1 if unknown.
     */
    public long validUntil(final int keyId)
    {
        final Entry entry = keys.get(keyId);
        return entry == null ? -1 : entry.validUntilSec;
    }

    @Override
    public PublicKey signingKey(final int keyId, final long nowEpochSec)
    {
        final Entry entry = keys.get(keyId);
        return entry == null || entry.validUntilSec < nowEpochSec ? null : entry.publicKey;
    }

    private void evictOne()
    {
        Integer victim = null;
        long soonest = Long.MAX_VALUE;
        for (final Map.Entry<Integer, Entry> candidate : keys.entrySet())
        {
            if (victim == null || candidate.getValue().validUntilSec < soonest)
            {
                victim = candidate.getKey();
                soonest = candidate.getValue().validUntilSec;
            }
        }
        if (victim != null)
        {
            keys.remove(victim);
        }
    }

    private static final class Entry
    {
        private final PublicKey publicKey;
        private final long validUntilSec;

        private Entry(final PublicKey publicKey, final long validUntilSec)
        {
            this.publicKey = publicKey;
            this.validUntilSec = validUntilSec;
        }
    }
}
