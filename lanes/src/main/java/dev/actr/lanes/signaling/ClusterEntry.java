package dev.actr.lanes.signaling;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ClusterRegistration;

/**
 * A node registered on some instance of the cluster, as the registry bucket last said: one value of
 * {@code <cluster>-signaling-registry}, with its revision. Immutable.
 */
final class ClusterEntry implements Candidate
{
    final String key;
    final ClusterRegistration registration;
    final long revision;

    ClusterEntry(final String key, final ClusterRegistration registration, final long revision)
    {
        this.key = key;
        this.registration = registration;
        this.revision = revision;
    }

    /**
     * @return the entry a value decodes to, or null when it does not decode.
     */
    static ClusterEntry decode(final String key, final byte[] value, final long revision)
    {
        try
        {
            return new ClusterEntry(key, ClusterRegistration.parseFrom(value), revision);
        }
        catch (final InvalidProtocolBufferException ex)
        {
            return null;
        }
    }

    /**
     * @return the instance a registry value names, or null when it does not decode.
     */
    static String instanceOf(final byte[] value)
    {
        try
        {
            return ClusterRegistration.parseFrom(value).getInstanceId();
        }
        catch (final InvalidProtocolBufferException ex)
        {
            return null;
        }
    }

    /**
     * @return the registry value of a node registered on this instance.
     */
    static byte[] encode(final Registration registration, final String instanceId)
    {
        final ClusterRegistration.Builder value = ClusterRegistration.newBuilder()
            .setId(registration.id)
            .setInstanceId(instanceId)
            .setLastHeartbeatMs(registration.lastSeenMs)
            .setCredentialExpiresAt(registration.currentExpiresAtSec)
            .setPowerReserve(registration.powerReserve)
            .setMailboxBacklog(registration.mailboxBacklog);
        if (registration.wsAddress != null)
        {
            value.setWsAddress(registration.wsAddress);
        }
        if (registration.nodePublicKey != null)
        {
            value.setNodePublicKey(com.google.protobuf.ByteString.copyFrom(registration.nodePublicKey));
        }
        return value.build().toByteArray();
    }

    String instanceId()
    {
        return registration.getInstanceId();
    }

    /**
     * @return true when the node has not been heard of for longer than the registry bucket keeps an entry.
     */
    boolean expired(final long nowMs, final long maxSilenceMs)
    {
        return nowMs - registration.getLastHeartbeatMs() > maxSilenceMs;
    }

    @Override
    public ActrId id()
    {
        return registration.getId();
    }

    @Override
    public String wsAddress()
    {
        return registration.hasWsAddress() ? registration.getWsAddress() : null;
    }

    @Override
    public float powerReserve()
    {
        return registration.getPowerReserve();
    }

    @Override
    public float mailboxBacklog()
    {
        return registration.getMailboxBacklog();
    }

    @Override
    public String toString()
    {
        return "ClusterEntry{" + key + "@" + registration.getInstanceId() + ", revision=" + revision + '}';
    }
}
