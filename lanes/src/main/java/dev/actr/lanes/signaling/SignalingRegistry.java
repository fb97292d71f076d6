package dev.actr.lanes.signaling;

import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.NodeSelectionCriteria;
import dev.actr.codec.proto.Realm;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is registered on this instance: nodes by id, serial allocation per realm (used by a single instance; a
 * cluster allocates from its serial bucket instead), discovery by type. Serials are
 * {@code generation << 32 | n}: the server's start generation (persisted with its keys) in the high half, a
 * per-realm count in the low half, so an id is never handed out twice, across restarts too. Discovery scans the
 * registrations (bounded by the connection limit).
 *
 * <p>NOT thread safe: the server's registry thread owns it.
 */
final class SignalingRegistry
{
    private static final long MAX_COUNT = 0xFFFF_FFFFL;

    private final Map<ActrId, Registration> byId = new HashMap<>();
    private final Map<Integer, Long> countByRealm = new HashMap<>();
    private final long generation;

    SignalingRegistry(final long generation)
    {
        this.generation = generation;
    }

    ActrId allocate(final Realm realm, final ActrType type)
    {
        final long count = countByRealm.merge(realm.getRealmId(), 1L, Long::sum);
        if (count > MAX_COUNT)
        {
            throw new IllegalStateException("realm " + Integer.toUnsignedString(realm.getRealmId()) +
                " has used every serial of generation " + generation + "; restart the server");
        }
        return ActrId.newBuilder().setRealm(realm).setSerialNumber(generation << 32 | count).setType(type).build();
    }

    Registration get(final ActrId id)
    {
        return byId.get(id);
    }

    void put(final Registration registration)
    {
        byId.put(registration.id, registration);
    }

    /**
     * Remove the registration if it is still the one registered under its id.
     *
     * @return true when removed.
     */
    boolean remove(final Registration registration)
    {
        return byId.remove(registration.id, registration);
    }

    int size()
    {
        return byId.size();
    }

    Collection<Registration> all()
    {
        return byId.values();
    }

    List<Registration> expired(final long nowMs, final long maxSilenceMs)
    {
        final List<Registration> expired = new ArrayList<>();
        for (final Registration registration : byId.values())
        {
            if (nowMs - registration.lastSeenMs > maxSilenceMs)
            {
                expired.add(registration);
            }
        }
        return expired;
    }

    List<Registration> candidates(
        final ActrId requester, final ActrType target, final NodeSelectionCriteria criteria, final int maxCandidates)
    {
        return CandidateSelection.select(byId.values(), requester, target, criteria, maxCandidates);
    }
}
