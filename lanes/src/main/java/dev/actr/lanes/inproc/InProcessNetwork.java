package dev.actr.lanes.inproc;

import dev.actr.codec.proto.ActrId;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The nodes of one JVM that {@link InProcessLane}s join: each lane registers under its node's id when the node
 * starts, and connects to another by id. No socket, no copy beyond the receiving node's ingress.
 *
 * <p>Thread safe.
 */
public final class InProcessNetwork
{
    private final ConcurrentHashMap<Key, InProcessLane> lanes = new ConcurrentHashMap<>();

    void register(final ActrId id, final InProcessLane lane)
    {
        if (lanes.putIfAbsent(Key.of(id), lane) != null)
        {
            throw new IllegalStateException("a node with id " + id.getSerialNumber() + " is already on the network");
        }
    }

    void unregister(final ActrId id, final InProcessLane lane)
    {
        lanes.remove(Key.of(id), lane);
    }

    InProcessLane find(final ActrId id)
    {
        return lanes.get(Key.of(id));
    }

    /** An id by realm and serial number, which is what makes it unique. */
    private static final class Key
    {
        final int realm;
        final long serial;

        private Key(final int realm, final long serial)
        {
            this.realm = realm;
            this.serial = serial;
        }

        static Key of(final ActrId id)
        {
            return new Key(id.getRealm().getRealmId(), id.getSerialNumber());
        }

        @Override
        public boolean equals(final Object o)
        {
            return o instanceof Key && ((Key)o).realm == realm && ((Key)o).serial == serial;
        }

        @Override
        public int hashCode()
        {
            return Long.hashCode(serial) * 31 + realm;
        }
    }
}
