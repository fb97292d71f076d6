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
    /** A connection was asked for and its outcome has not come yet; sends meanwhile are parked. */
    boolean connecting;
    final ParkedFrames parked = new ParkedFrames();

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
