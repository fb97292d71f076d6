package dev.actr.lanes.signaling;

import dev.actr.codec.proto.ActrId;

import java.util.regex.Pattern;

/**
 * Names a signaling cluster uses on NATS, all under the cluster's name (default {@code actr}):
 * <pre>
 *   buckets   &lt;cluster&gt;-signaling-registry   key &lt;realm&gt;.&lt;serial hex&gt;  -> ClusterRegistration (max age 2 heartbeats)
 *             &lt;cluster&gt;-signaling-serials    key realm.&lt;realm&gt;           -> last serial, decimal (compare-and-set)
 *             &lt;cluster&gt;-signaling-keys       key key.&lt;id&gt;, key-id          -> ClusterSigningKey; last key id
 *             &lt;cluster&gt;-signaling-resume     key &lt;sha-256 of proof, hex&gt;  -> used resume proofs (max age 2 windows)
 *   subjects  &lt;cluster&gt;.signaling.&lt;realm&gt;.instance.&lt;instance&gt;.relay  ClusterRelay to one instance
 *             &lt;cluster&gt;.signaling.&lt;realm&gt;.presence                     ClusterPresence to all
 * </pre>
 */
final class ClusterNames
{
    /** Cluster names and instance ids: one NATS subject token, usable in a bucket name. */
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    static final String SERIAL_KEY_PREFIX = "realm.";
    static final String SIGNING_KEY_PREFIX = "key.";
    static final String KEY_ID_COUNTER = "key-id";

    final String cluster;
    final String instanceId;

    ClusterNames(final String cluster, final String instanceId)
    {
        if (!TOKEN.matcher(cluster).matches() || !TOKEN.matcher(instanceId).matches())
        {
            throw new IllegalArgumentException(
                "cluster name and instance id must match " + TOKEN + ": " + cluster + ", " + instanceId);
        }
        this.cluster = cluster;
        this.instanceId = instanceId;
    }

    String registryBucket()
    {
        return cluster + "-signaling-registry";
    }

    String serialBucket()
    {
        return cluster + "-signaling-serials";
    }

    String keyBucket()
    {
        return cluster + "-signaling-keys";
    }

    String resumeBucket()
    {
        return cluster + "-signaling-resume";
    }

    static String registryKey(final ActrId id)
    {
        return Integer.toUnsignedString(id.getRealm().getRealmId()) + "." + Long.toHexString(id.getSerialNumber());
    }

    static String serialKey(final int realmId)
    {
        return SERIAL_KEY_PREFIX + Integer.toUnsignedString(realmId);
    }

    static String signingKeyKey(final int keyId)
    {
        return SIGNING_KEY_PREFIX + Integer.toUnsignedString(keyId);
    }

    String relaySubject(final int realmId, final String instance)
    {
        return cluster + ".signaling." + Integer.toUnsignedString(realmId) + ".instance." + instance + ".relay";
    }

    String ownRelaySubjects()
    {
        return cluster + ".signaling.*.instance." + instanceId + ".relay";
    }

    String presenceSubject(final int realmId)
    {
        return cluster + ".signaling." + Integer.toUnsignedString(realmId) + ".presence";
    }

    String presenceSubjects()
    {
        return cluster + ".signaling.*.presence";
    }
}
