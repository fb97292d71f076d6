package dev.actr.engine.internal.peer;

import dev.actr.codec.proto.ActrId;
import dev.actr.engine.internal.IdKeys;
import dev.actr.lanes.Lane;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * The peers of other nodes this node knows, on the engine thread: each gets a caller index at or above
 * {@link #PEER_BASE}, apart from local actors, kept for the run so that a reconnecting peer keeps it. Maps
 * connections to peers (frames arrive by connection) and sends to a peer on its current connection.
 * Bounded: past {@code capacity} peers, a disconnected one is forgotten to make room (its pending calls were
 * failed when it disconnected).
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class PeerTable
{
    /** First caller index of a peer; local actors and the host are below. */
    public static final int PEER_BASE = 1 << 24;

    private final Peer[] byIndex;
    private final Long2ObjectHashMap<Peer> byKey = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<Peer> byConnection = new Long2ObjectHashMap<>();
    private int size;

    /**
     * @param capacity most peers known at once.
     */
    public PeerTable(final int capacity)
    {
        byIndex = new Peer[capacity];
    }

    /**
     * @param index a caller index.
     * @return true when it is a peer's.
     */
    public static boolean isPeer(final int index)
    {
        return index >= PEER_BASE;
    }

    /**
     * A connection is ready: bind it to its peer (made known now if new). An older connection of the peer stays
     * mapped until it closes, but sends go on the newest.
     *
     * @param connectionId the connection.
     * @param id           the peer's verified id.
     * @param lane         carrying it.
     * @return the peer, or null when the table is full of connected peers.
     */
    public Peer onConnected(final long connectionId, final ActrId id, final Lane lane)
    {
        Peer peer = find(id);
        if (peer == null)
        {
            peer = add(id);
            if (peer == null)
            {
                return null;
            }
        }
        peer.connectionId = connectionId;
        peer.lane = lane;
        peer.connecting = false;
        byConnection.put(connectionId, peer);
        return peer;
    }

    /**
     * A connection to a peer is to be asked for: the peer is made known now (it gets its caller index) and sends
     * to it are parked until the connection is reported.
     *
     * @param id the peer's id.
     * @return the peer (already connected or connecting, or newly connecting), or null when the table is full of
     * connected peers.
     */
    public Peer connecting(final ActrId id)
    {
        Peer peer = find(id);
        if (peer == null)
        {
            peer = add(id);
            if (peer == null)
            {
                return null;
            }
        }
        if (peer.connectionId == 0)
        {
            peer.connecting = true;
        }
        return peer;
    }

    /**
     * Send what was parked for a peer on its new connection.
     *
     * @param peer a peer now connected.
     * @return frames the lane refused.
     */
    public int flushParked(final Peer peer)
    {
        return peer.parked.frames() == 0 ? 0 : peer.parked.flush(peer.lane, peer.connectionId);
    }

    /**
     * A connection asked for failed: drop what was parked.
     *
     * @param id the peer's id.
     * @return the peer that was connecting, or null.
     */
    public Peer onConnectFailed(final ActrId id)
    {
        final Peer peer = find(id);
        if (peer == null || !peer.connecting)
        {
            return null;
        }
        peer.connecting = false;
        peer.parked.clear();
        return peer;
    }

    /**
     * A connection closed.
     *
     * @param connectionId the connection.
     * @return its peer when that was the peer's current connection (the peer is now disconnected), else null.
     */
    public Peer onDisconnected(final long connectionId)
    {
        final Peer peer = byConnection.remove(connectionId);
        if (peer == null || peer.connectionId != connectionId)
        {
            return null;
        }
        peer.connectionId = 0;
        peer.lane = null;
        return peer;
    }

    /**
     * @param connectionId a connection.
     * @return the caller index of its peer, or -1 for an unknown connection.
     */
    public int indexOfConnection(final long connectionId)
    {
        final Peer peer = byConnection.get(connectionId);
        return peer == null ? -1 : peer.index;
    }

    /**
     * @param id a peer's id.
     * @return the peer, or null when not known.
     */
    public Peer find(final ActrId id)
    {
        final Peer peer = byKey.get(IdKeys.peerKey(id));
        return peer != null && IdKeys.sameActor(peer.id, id) ? peer : null;
    }

    /**
     * @param key a caller key of a peer.
     * @return the peer, or null when not known.
     */
    public Peer byKey(final long key)
    {
        return byKey.get(key);
    }

    /**
     * @param index a peer's caller index.
     * @return the peer, or null.
     */
    public Peer byIndex(final int index)
    {
        final int slot = index - PEER_BASE;
        return slot >= 0 && slot < byIndex.length ? byIndex[slot] : null;
    }

    /**
     * Send a frame to a peer on its current connection.
     *
     * @param index       the peer's caller index.
     * @param payloadType PayloadType number.
     * @param buffer      holding the frame.
     * @param offset      of the frame.
     * @param length      of the frame.
     * @return a {@link Lane} result code; {@link Lane#NOT_CONNECTED} when the peer has no connection and none is
     * being made (while one is, the frame is parked: {@link Lane#OK}, or {@link Lane#BACK_PRESSURED} past the bound).
     */
    public int send(final int index, final int payloadType, final DirectBuffer buffer, final int offset,
        final int length)
    {
        final Peer peer = byIndex(index);
        if (peer == null)
        {
            return Lane.NOT_CONNECTED;
        }
        if (peer.connectionId == 0)
        {
            return peer.connecting ? peer.parked.park(payloadType, buffer, offset, length) : Lane.NOT_CONNECTED;
        }
        return peer.lane.send(peer.connectionId, payloadType, buffer, offset, length);
    }

    /**
     * @return every known peer (cold path).
     */
    public List<Peer> peers()
    {
        final List<Peer> peers = new ArrayList<>();
        for (final Peer peer : byIndex)
        {
            if (peer != null)
            {
                peers.add(peer);
            }
        }
        return peers;
    }

    /**
     * @return peers known.
     */
    public int size()
    {
        return size;
    }

    private Peer add(final ActrId id)
    {
        int slot = size < byIndex.length ? size : -1;
        if (slot < 0)
        {
            slot = disconnectedSlot();
            if (slot < 0)
            {
                return null;
            }
            byKey.remove(byIndex[slot].key);
        }
        else
        {
            size++;
        }
        final Peer peer = new Peer(PEER_BASE + slot, id, IdKeys.peerKey(id));
        byIndex[slot] = peer;
        byKey.put(peer.key, peer);
        return peer;
    }

    private int disconnectedSlot()
    {
        for (int slot = 0; slot < byIndex.length; slot++)
        {
            if (byIndex[slot].connectionId == 0 && !byIndex[slot].connecting)
            {
                return slot;
            }
        }
        return -1;
    }
}
