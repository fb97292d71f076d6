package dev.actr.lanes.signaling;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ClusterPresence;
import dev.actr.codec.proto.ClusterRelay;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;

/**
 * The cluster's plain NATS messages (no JetStream): relays to one instance on
 * {@code <cluster>.signaling.<realm>.instance.<instance>.relay}, presence to all on
 * {@code <cluster>.signaling.<realm>.presence}. Publishing is thread safe; the handler is called on the NATS
 * client's dispatcher thread, with every message that decodes (this instance's own presence events left out).
 */
final class ClusterBus implements AutoCloseable
{
    /** What arrives. */
    interface Handler
    {
        /**
         * @param relay a relay for a node on this instance, or a refusal of one this instance forwarded.
         */
        void onRelay(ClusterRelay relay);

        /**
         * @param presence another instance's node came up or went down.
         */
        void onPresence(ClusterPresence presence);

        /**
         * @param failure a message that does not decode.
         */
        void onMalformed(Exception failure);
    }

    private final Connection connection;
    private final ClusterNames names;
    private Dispatcher dispatcher;

    ClusterBus(final Connection connection, final ClusterNames names)
    {
        this.connection = connection;
        this.names = names;
    }

    void start(final Handler handler)
    {
        dispatcher = connection.createDispatcher();
        dispatcher.subscribe(names.ownRelaySubjects(), message -> onRelay(message, handler));
        dispatcher.subscribe(names.presenceSubjects(), message -> onPresence(message, handler));
    }

    /**
     * @return true while connected to NATS (a message published now goes out).
     */
    boolean connected()
    {
        return connection.getStatus() == Connection.Status.CONNECTED;
    }

    void relay(final int realmId, final String instanceId, final ClusterRelay relay)
    {
        connection.publish(names.relaySubject(realmId, instanceId), relay.toByteArray());
    }

    void presence(final ClusterPresence.Kind kind, final ActrId id, final long revision)
    {
        connection.publish(names.presenceSubject(id.getRealm().getRealmId()), ClusterPresence.newBuilder()
            .setKind(kind).setId(id).setInstanceId(names.instanceId).setRevision(revision).build().toByteArray());
    }

    private void onRelay(final Message message, final Handler handler)
    {
        try
        {
            handler.onRelay(ClusterRelay.parseFrom(message.getData()));
        }
        catch (final InvalidProtocolBufferException ex)
        {
            handler.onMalformed(ex);
        }
    }

    private void onPresence(final Message message, final Handler handler)
    {
        final ClusterPresence presence;
        try
        {
            presence = ClusterPresence.parseFrom(message.getData());
        }
        catch (final InvalidProtocolBufferException ex)
        {
            handler.onMalformed(ex);
            return;
        }
        if (!names.instanceId.equals(presence.getInstanceId()))
        {
            handler.onPresence(presence);
        }
    }

    @Override
    public void close()
    {
        if (dispatcher != null)
        {
            connection.closeDispatcher(dispatcher);
            dispatcher = null;
        }
    }
}
