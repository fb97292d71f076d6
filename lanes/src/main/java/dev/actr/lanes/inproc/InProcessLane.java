package dev.actr.lanes.inproc;

import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import dev.actr.lanes.LaneIngress;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * A lane between nodes of one JVM, joined through an {@link InProcessNetwork}: sending is offering to the other
 * node's ingress (one copy, into its ring), and the identity each side reports is the id its lane registered under
 * — in one process there is nothing to prove. It keeps the lane contract exactly, so the engine's two-node contract
 * suite runs over it without sockets; {@link #sendTo} lets a test put any frame on a connection.
 *
 * <p>{@link #send} is for the node's engine thread; connecting and disconnecting may come from any thread.
 */
public final class InProcessLane implements Lane
{
    private final InProcessNetwork network;
    private final ActrId self;
    private final Object lock = new Object();
    /** Connections by id, replaced copy-on-write so that the engine thread reads them without a lock. */
    private volatile Long2ObjectHashMap<Connection> connections = new Long2ObjectHashMap<>();
    private LaneIngress ingress;
    private boolean closed;

    /**
     * @param network the JVM's in-process network.
     * @param self    the id this node is known by.
     */
    public InProcessLane(final InProcessNetwork network, final ActrId self)
    {
        this.network = network;
        this.self = self;
    }

    @Override
    public String name()
    {
        return "in-process";
    }

    @Override
    public void start(final LaneIngress ingress)
    {
        synchronized (lock)
        {
            this.ingress = ingress;
            network.register(self, this);
        }
    }

    @Override
    public void connect(final ActrId peer)
    {
        final InProcessLane other = network.find(peer);
        if (other == null || other == this)
        {
            ingress.onConnectFailed(peer, DisconnectReason.UNREACHABLE);
            return;
        }
        if (connectionTo(peer) != null)
        {
            return;
        }
        final long localId = ingress.nextConnectionId();
        final long remoteId = other.accept(this, localId);
        if (remoteId == 0)
        {
            ingress.onConnectFailed(peer, DisconnectReason.PEER_CLOSE);
            return;
        }
        add(new Connection(localId, other, remoteId, peer));
        ingress.onConnected(localId, peer, this);
    }

    @Override
    public int send(
        final long connectionId, final int payloadType, final DirectBuffer buffer, final int offset, final int length)
    {
        final Connection connection = connections.get(connectionId);
        if (connection == null)
        {
            return closed ? CLOSED : NOT_CONNECTED;
        }
        return connection.other.deliver(connection.remoteId, payloadType, buffer, offset, length);
    }

    /**
     * Put a frame on this node's connection to a peer, whatever it holds (tests use it for wrong-peer responses
     * and malformed frames).
     *
     * @param peer        the peer.
     * @param payloadType PayloadType number.
     * @param buffer      holding the frame.
     * @param offset      of the frame.
     * @param length      of the frame.
     * @return a {@link Lane} result code.
     */
    public int sendTo(
        final ActrId peer, final int payloadType, final DirectBuffer buffer, final int offset, final int length)
    {
        final Connection connection = connectionTo(peer);
        return connection == null ? NOT_CONNECTED :
            connection.other.deliver(connection.remoteId, payloadType, buffer, offset, length);
    }

    /**
     * Close the connection to a peer, as if the network dropped it: both nodes see it disconnected.
     *
     * @param peer the peer.
     */
    public void disconnectFrom(final ActrId peer)
    {
        final Connection connection = connectionTo(peer);
        if (connection != null)
        {
            disconnect(connection.localId);
        }
    }

    @Override
    public void disconnect(final long connectionId)
    {
        final Connection connection = remove(connectionId);
        if (connection != null)
        {
            ingress.onDisconnected(connectionId, DisconnectReason.LOCAL_CLOSE);
            connection.other.onPeerClosed(connection.remoteId);
        }
    }

    @Override
    public void close()
    {
        synchronized (lock)
        {
            if (closed)
            {
                return;
            }
            closed = true;
        }
        for (final Connection connection : connections.values().toArray(new Connection[0]))
        {
            disconnect(connection.localId);
        }
        network.unregister(self, this);
    }

    private long accept(final InProcessLane from, final long remoteId)
    {
        synchronized (lock)
        {
            if (closed || ingress == null)
            {
                return 0;
            }
        }
        final long localId = ingress.nextConnectionId();
        add(new Connection(localId, from, remoteId, from.self));
        ingress.onConnected(localId, from.self, this);
        return localId;
    }

    private int deliver(
        final long connectionId, final int payloadType, final DirectBuffer buffer, final int offset, final int length)
    {
        if (connections.get(connectionId) == null)
        {
            return NOT_CONNECTED;
        }
        return ingress.onFrame(connectionId, payloadType, buffer, offset, length);
    }

    private void onPeerClosed(final long connectionId)
    {
        if (remove(connectionId) != null)
        {
            ingress.onDisconnected(connectionId, DisconnectReason.PEER_CLOSE);
        }
    }

    private Connection connectionTo(final ActrId peer)
    {
        for (final Connection connection : connections.values())
        {
            if (connection.peer.getSerialNumber() == peer.getSerialNumber() &&
                connection.peer.getRealm().getRealmId() == peer.getRealm().getRealmId())
            {
                return connection;
            }
        }
        return null;
    }

    private void add(final Connection connection)
    {
        synchronized (lock)
        {
            final Long2ObjectHashMap<Connection> next = new Long2ObjectHashMap<>(connections);
            next.put(connection.localId, connection);
            connections = next;
        }
    }

    private Connection remove(final long connectionId)
    {
        synchronized (lock)
        {
            final Connection connection = connections.get(connectionId);
            if (connection != null)
            {
                final Long2ObjectHashMap<Connection> next = new Long2ObjectHashMap<>(connections);
                next.remove(connectionId);
                connections = next;
            }
            return connection;
        }
    }

    /** One side of a connection: where frames go on the other node. */
    private static final class Connection
    {
        final long localId;
        final InProcessLane other;
        final long remoteId;
        final ActrId peer;

        Connection(final long localId, final InProcessLane other, final long remoteId, final ActrId peer)
        {
            this.localId = localId;
            this.other = other;
            this.remoteId = remoteId;
            this.peer = peer;
        }
    }
}
