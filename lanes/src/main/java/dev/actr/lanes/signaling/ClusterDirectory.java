package dev.actr.lanes.signaling;

import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * This instance's copy of the registry bucket, kept by a watch on it: every node of the cluster by key. An entry
 * leaves when the bucket says it was deleted, when its owner says the node went down, or when it is older than the
 * bucket's max age (the bucket expires such entries without telling watchers).
 *
 * <p>NOT thread safe: the registry thread owns it (watch events are handed to that thread).
 */
final class ClusterDirectory
{
    private final Map<String, ClusterEntry> byKey = new HashMap<>();
    private final long maxSilenceMs;

    ClusterDirectory(final long maxSilenceMs)
    {
        this.maxSilenceMs = maxSilenceMs;
    }

    void onWatched(final KeyValueEntry entry)
    {
        final String key = entry.getKey();
        if (entry.getOperation() != KeyValueOperation.PUT || entry.getValue() == null)
        {
            final ClusterEntry known = byKey.get(key);
            if (known != null && known.revision < entry.getRevision())
            {
                byKey.remove(key);
            }
            return;
        }
        final ClusterEntry decoded = ClusterEntry.decode(key, entry.getValue(), entry.getRevision());
        final ClusterEntry known = byKey.get(key);
        if (decoded != null && (known == null || known.revision < decoded.revision))
        {
            byKey.put(key, decoded);
        }
    }

    /**
     * The node's owner said it went down.
     */
    void onDown(final String key, final String instanceId)
    {
        final ClusterEntry known = byKey.get(key);
        if (known != null && known.instanceId().equals(instanceId))
        {
            byKey.remove(key);
        }
    }

    /**
     * @return the live entry under {@code key}, or null.
     */
    ClusterEntry get(final String key, final long nowMs)
    {
        final ClusterEntry entry = byKey.get(key);
        return entry == null || entry.expired(nowMs, maxSilenceMs) ? null : entry;
    }

    /**
     * @return the live entries of nodes registered on other instances (not on this one, whatever the bucket says).
     */
    List<ClusterEntry> others(final SignalingRegistry local, final String selfInstanceId, final long nowMs)
    {
        final List<ClusterEntry> others = new ArrayList<>();
        for (final ClusterEntry entry : byKey.values())
        {
            if (!selfInstanceId.equals(entry.instanceId()) && local.get(entry.id()) == null &&
                !entry.expired(nowMs, maxSilenceMs))
            {
                others.add(entry);
            }
        }
        return others;
    }

    /**
     * Forget entries older than the bucket's max age.
     */
    void expire(final long nowMs)
    {
        byKey.values().removeIf(entry -> entry.expired(nowMs, maxSilenceMs));
    }

    int size()
    {
        return byKey.size();
    }
}
