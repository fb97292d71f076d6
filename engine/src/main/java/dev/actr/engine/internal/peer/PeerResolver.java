package dev.actr.engine.internal.peer;

import dev.actr.codec.proto.ActrId;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import dev.actr.lanes.PeerConnector;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Resolves a peer to send to: a connected peer's index at once; otherwise, when the node has a
 * {@link PeerConnector}, the peer is made known (it gets its index), its sends are parked, and a connection is asked
 * for on a thread of the resolver's own — a lane is never called from the engine thread, so a lane that reports
 * through the node's ring can never wait on the engine. Without a connector an unconnected peer is unreachable.
 *
 * <p>{@link #resolve} is for the engine thread only.
 */
public final class PeerResolver implements AutoCloseable
{
    private final PeerTable peers;
    private final PeerConnector connector;
    private final SystemCounters counters;
    private ExecutorService connects;

    /**
     * @param peers     the peer table.
     * @param connector makes connections on demand, or null for none.
     * @param counters  counts unreachable peers.
     */
    public PeerResolver(final PeerTable peers, final PeerConnector connector, final SystemCounters counters)
    {
        this.peers = peers;
        this.connector = connector;
        this.counters = counters;
    }

    /**
     * @param id a peer's id.
     * @return its caller index (connected, or connecting with sends parked), or -1 (counted) when it cannot be
     * reached.
     */
    public int resolve(final ActrId id)
    {
        Peer peer = peers.find(id);
        if (peer != null && peer.connected())
        {
            return peer.index();
        }
        if (connector == null)
        {
            counters.increment(SystemCounter.PEERS_UNREACHABLE);
            return -1;
        }
        final boolean asked = peer != null && peer.connecting();
        peer = peers.connecting(id);
        if (peer == null)
        {
            counters.increment(SystemCounter.PEERS_UNREACHABLE);
            return -1;
        }
        if (!asked)
        {
            counters.increment(SystemCounter.PEER_CONNECTS);
            connects().execute(() -> connector.connect(id));
        }
        return peer.index();
    }

    private ExecutorService connects()
    {
        if (connects == null)
        {
            connects = Executors.newSingleThreadExecutor(runnable ->
            {
                final Thread thread = new Thread(runnable, "actr-connect");
                thread.setDaemon(true);
                return thread;
            });
        }
        return connects;
    }

    @Override
    public void close()
    {
        if (connects != null)
        {
            connects.shutdownNow();
        }
    }
}
