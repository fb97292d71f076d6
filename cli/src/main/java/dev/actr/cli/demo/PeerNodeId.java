package dev.actr.cli.demo;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.actor.Dest;

import java.util.Objects;

/**
 * The id of the node on the other side of a lane, as one side of the demo knows it: given up front (the in-process
 * lanes' fixed ids), or learned once at run time — on a network lane the signaling service assigns every node's id
 * when it registers, after the node and its actors were made. Set once, by the topology, before the host sends its
 * first request; read by the actors when they first send to the peer (volatile: the setter is the topology's
 * thread, the reader the engine thread).
 */
public final class PeerNodeId
{
    private final String role;
    private volatile ActrId id;
    private volatile Dest dest;

    private PeerNodeId(final String role, final ActrId id)
    {
        this.role = Objects.requireNonNull(role, "role");
        if (id != null)
        {
            learn(id);
        }
    }

    /**
     * @param role what the node is, for messages ("the exchange node").
     * @param id   its id.
     * @return an id known from the start.
     */
    public static PeerNodeId known(final String role, final ActrId id)
    {
        return new PeerNodeId(role, Objects.requireNonNull(id, "id"));
    }

    /**
     * @param role what the node is, for messages ("the exchange node").
     * @return an id to be learned with {@link #learn}.
     */
    public static PeerNodeId toLearn(final String role)
    {
        return new PeerNodeId(role, null);
    }

    /**
     * Set the id, once.
     *
     * @param id the node's id.
     * @throws IllegalStateException when another id was learned already.
     */
    public synchronized void learn(final ActrId id)
    {
        Objects.requireNonNull(id, "id");
        if (this.id != null && !this.id.equals(id))
        {
            throw new IllegalStateException(role + " is " + ActrIds.format(this.id) + " already, not " +
                ActrIds.format(id));
        }
        dest = Dest.peer(id);
        this.id = id;
    }

    /**
     * @return whether the id is known.
     */
    public boolean isKnown()
    {
        return id != null;
    }

    /**
     * @return the id.
     * @throws IllegalStateException when it is not known yet.
     */
    public ActrId id()
    {
        final ActrId known = id;
        if (known == null)
        {
            throw new IllegalStateException(role + "'s id is not known yet");
        }
        return known;
    }

    /**
     * @return {@code Dest.peer(id())}.
     * @throws IllegalStateException when the id is not known yet.
     */
    public Dest dest()
    {
        final Dest known = dest;
        if (known == null)
        {
            throw new IllegalStateException(role + "'s id is not known yet");
        }
        return known;
    }

    @Override
    public String toString()
    {
        final ActrId known = id;
        return role + '=' + (known == null ? "(to learn)" : ActrIds.format(known));
    }
}
