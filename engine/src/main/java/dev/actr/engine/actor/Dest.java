package dev.actr.engine.actor;

import dev.actr.codec.proto.ActrId;

import java.util.Objects;

/**
 * Where a call, tell or chunk goes.
 */
public abstract class Dest
{
    private static final Dest HOST = new Host();

    private Dest()
    {
    }

    /**
     * @return the embedding application's own handlers on this node.
     */
    public static Dest host()
    {
        return HOST;
    }

    /**
     * @param id of an actor on this node.
     * @return that actor.
     */
    public static Dest workload(final ActrId id)
    {
        return new Workload(id);
    }

    /**
     * @param id of an actor on another node.
     * @return that actor, reached through a network lane.
     */
    public static Dest peer(final ActrId id)
    {
        return new Peer(id);
    }

    /**
     * @return the actor id, or {@code null} for the host.
     */
    public abstract ActrId id();

    /** The host. */
    public static final class Host extends Dest
    {
        Host()
        {
        }

        @Override
        public ActrId id()
        {
            return null;
        }

        @Override
        public String toString()
        {
            return "Host";
        }
    }

    /** A destination named by an actor id. */
    private abstract static class ById extends Dest
    {
        private final ActrId id;

        ById(final ActrId id)
        {
            this.id = Objects.requireNonNull(id, "id");
        }

        @Override
        public ActrId id()
        {
            return id;
        }

        @Override
        public boolean equals(final Object o)
        {
            return o != null && o.getClass() == getClass() && ((ById)o).id.equals(id);
        }

        @Override
        public int hashCode()
        {
            return id.hashCode();
        }

        @Override
        public String toString()
        {
            return getClass().getSimpleName() + "[" + Long.toHexString(id.getSerialNumber()) + "]";
        }
    }

    /** An actor on this node. */
    public static final class Workload extends ById
    {
        Workload(final ActrId id)
        {
            super(id);
        }
    }

    /** An actor on another node, reached through a network lane. */
    public static final class Peer extends ById
    {
        Peer(final ActrId id)
        {
            super(id);
        }
    }
}
