package dev.actr.lanes.signaling;

import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Discovery answers by type, and peer addresses by id, each kept for a time to live and bounded in number (the
 * least recently used goes first). An answer with no candidates is not kept: a peer of that type that registers
 * a moment later (or that a cluster instance learns of a moment later) is found by the next discovery, not after the
 * time to live.
 *
 * <p>NOT thread safe: the client's event loop owns it.
 */
final class DiscoveryCache
{
    private static final int ADDRESSES_PER_ANSWER = 16;

    private final long ttlMs;
    private final Map<ActrType, Timed<DiscoveryResult>> answers;
    private final Map<ActrId, Timed<String>> addresses;

    DiscoveryCache(final long ttlMs, final int capacity)
    {
        this.ttlMs = ttlMs;
        this.answers = bounded(capacity);
        this.addresses = bounded(capacity * ADDRESSES_PER_ANSWER);
    }

    DiscoveryResult answer(final ActrType type, final long nowMs)
    {
        final Timed<DiscoveryResult> entry = answers.get(type);
        if (entry == null || entry.expiresAtMs <= nowMs)
        {
            answers.remove(type);
            return null;
        }
        return entry.value;
    }

    String address(final ActrId peer, final long nowMs)
    {
        final Timed<String> entry = addresses.get(peer);
        if (entry == null || entry.expiresAtMs <= nowMs)
        {
            addresses.remove(peer);
            return null;
        }
        return entry.value;
    }

    void put(final ActrType type, final DiscoveryResult result, final long nowMs)
    {
        if (ttlMs == 0 || result.candidates().isEmpty())
        {
            return;
        }
        final long expiresAtMs = nowMs + ttlMs;
        answers.put(type, new Timed<>(result, expiresAtMs));
        for (final Map.Entry<ActrId, String> address : result.wsAddresses().entrySet())
        {
            addresses.put(address.getKey(), new Timed<>(address.getValue(), expiresAtMs));
        }
    }

    void clear()
    {
        answers.clear();
        addresses.clear();
    }

    int size()
    {
        return answers.size();
    }

    private static <K, V> Map<K, V> bounded(final int capacity)
    {
        return new LinkedHashMap<>(16, 0.75f, true)
        {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(final Map.Entry<K, V> eldest)
            {
                return size() > capacity;
            }
        };
    }

    private static final class Timed<V>
    {
        private final V value;
        private final long expiresAtMs;

        private Timed(final V value, final long expiresAtMs)
        {
            this.value = value;
            this.expiresAtMs = expiresAtMs;
        }
    }
}
