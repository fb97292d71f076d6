package dev.actr.engine.internal.peer;

import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.Lane;

/**
 * A peer of another node as the engine knows it: its caller index (kept across reconnects for the node's run),
 * its id and caller key, and its current connection, if any.
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class Peer
{
    final int index;
    final ActrId id;
    final long key;
    long connectionId;
    Lane lane;
    /** Every ready connection of the peer (both nodes may have dialled); {@link #connectionId} is the newest. */
    final long[] connectionIds = new long[MAX_CONNECTIONS];
    final Lane[] lanes = new Lane[MAX_CONNECTIONS];
    int connections;
    /** A connection was asked for and its outcome has not come yet; sends meanwhile are parked. */
    boolean connecting;
    /** Frames wait in {@link #parked} behind a back-pressured lane. */
    boolean backlogged;
    final ParkedFrames parked = new ParkedFrames();

    /** Ready connections kept per peer; an older one beyond is forgotten (it still closes normally). */
    static final int MAX_CONNECTIONS = 4;

    Peer(final int index, final ActrId id, final long key)
    {
        this.index = index;
        this.id = id;
        this.key = key;
    }

    /**
     * @return the caller index of the peer on this node.
     */
    public int index()
    {
        return index;
    }

    void addConnection(final long newConnectionId, final Lane newLane)
    {
        if (connections == MAX_CONNECTIONS)
        {
            System.arraycopy(connectionIds, 1, connectionIds, 0, MAX_CONNECTIONS - 1);
            System.arraycopy(lanes, 1, lanes, 0, MAX_CONNECTIONS - 1);
            connections--;
        }
        connectionIds[connections] = newConnectionId;
        lanes[connections] = newLane;
        connections++;
        connectionId = newConnectionId;
        lane = newLane;
    }

    /**
     * Forget a closed connection; the newest remaining one becomes current.
     *
     * @return true when the peer has no connection left.
     */
    boolean removeConnection(final long closedConnectionId)
    {
        for (int i = 0; i < connections; i++)
        {
            if (connectionIds[i] == closedConnectionId)
            {
                System.arraycopy(connectionIds, i + 1, connectionIds, i, connections - i - 1);
                System.arraycopy(lanes, i + 1, lanes, i, connections - i - 1);
                connections--;
                lanes[connections] = null;
                break;
            }
        }
        connectionId = connections == 0 ? 0 : connectionIds[connections - 1];
        lane = connections == 0 ? null : lanes[connections - 1];
        return connections == 0;
    }

    /**
     * @return the peer's verified id.
     */
    public ActrId id()
    {
        return id;
    }

    /**
     * @return the peer's caller key (stable across runs).
     */
    public long key()
    {
        return key;
    }

    /**
     * @return true while a connection to the peer is up.
     */
    public boolean connected()
    {
        return connectionId != 0;
    }

    /**
     * @return true while a connection asked for has not been reported yet.
     */
    public boolean connecting()
    {
        return connecting;
    }

    /**
     * @return the current connection, 0 when none.
     */
    public long connectionId()
    {
        return connectionId;
    }

    /**
     * @return the lane of the current connection, null when none.
     */
    public Lane lane()
    {
        return lane;
    }

    @Override
    public String toString()
    {
        return "Peer{index=" + index + ", serial=" + Long.toHexString(id.getSerialNumber()) +
            ", connection=" + connectionId + '}';
    }
}
