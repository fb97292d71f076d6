package dev.actr.engine.internal.scheduler;

import dev.actr.codec.proto.ActrId;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.internal.IdKeys;
import dev.actr.engine.internal.peer.Peer;
import dev.actr.engine.internal.peer.PeerTable;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is who on this node: the host (index 0) and each actor by index, their ids and contexts, and the
 * resolution of a {@link Dest} to a local index through a primitive map of id keys. Fixed at launch; the local part
 * is read-only afterwards and so readable from any thread (host threads resolve their destinations here).
 */
public final class ActorDirectory
{
    /** Index of the host. */
    public static final int HOST_INDEX = 0;
    private static final long NOT_LOCAL = -1;

    private final ActrId[] ids;
    private final Actor[] actors;
    private final Long2LongHashMap indexByKey = new Long2LongHashMap(NOT_LOCAL);
    private final PeerTable peers;
    private final Map<String, UnsafeBuffer> routeKeyBytes = new HashMap<>();
    private ActorContextImpl[] contexts;

    /**
     * @param ids    actor ids by index; index 0 (the host) is null.
     * @param actors actors by index; index 0 is the host's actor.
     * @param peers  the peer table, for callers of other nodes.
     */
    public ActorDirectory(final List<ActrId> ids, final List<Actor> actors, final PeerTable peers)
    {
        this.ids = ids.toArray(new ActrId[0]);
        this.actors = actors.toArray(new Actor[0]);
        this.peers = peers;
        for (int i = 0; i < this.ids.length; i++)
        {
            if (this.ids[i] != null)
            {
                indexByKey.put(IdKeys.of(this.ids[i]), i);
            }
        }
    }

    void contexts(final ActorContextImpl[] contexts)
    {
        this.contexts = contexts;
    }

    /**
     * @return actors, host included.
     */
    public int count()
    {
        return ids.length;
    }

    /**
     * @param index an actor index.
     * @return the actor.
     */
    public Actor actor(final int index)
    {
        return actors[index];
    }

    /**
     * @param index an actor index.
     * @return its id, null for the host.
     */
    public ActrId id(final int index)
    {
        return ids[index];
    }

    ActorContextImpl context(final int index)
    {
        return contexts[index];
    }

    /**
     * @param dest a destination.
     * @return its local index, or -1 when it is not on this node. Any thread.
     */
    public int resolveLocal(final Dest dest)
    {
        if (dest instanceof Dest.Host)
        {
            return HOST_INDEX;
        }
        if (dest instanceof Dest.Workload)
        {
            final ActrId id = dest.id();
            final int index = (int)indexByKey.get(IdKeys.of(id));
            return index > HOST_INDEX && IdKeys.sameActor(ids[index], id) ? index : -1;
        }
        return -1;
    }

    /**
     * @param callerKey a caller key (a local index, or a peer's key).
     * @return the caller's id, or null for the host or a peer no longer known.
     */
    ActrId callerId(final long callerKey)
    {
        if (callerKey >= 0)
        {
            return callerKey < ids.length ? ids[(int)callerKey] : null;
        }
        final Peer peer = peers.byKey(callerKey);
        return peer == null ? null : peer.id();
    }

    /**
     * @param callerKey a caller key.
     * @return the index a reply to that caller goes to: the local index, or the peer's current index (-1 when the
     * peer is not known now).
     */
    int targetOf(final long callerKey)
    {
        if (callerKey >= 0)
        {
            return (int)callerKey;
        }
        final Peer peer = peers.byKey(callerKey);
        return peer == null ? -1 : peer.index();
    }

    /**
     * The convenience path for route keys given as strings: encoded once each, then looked up by string (pass a
     * {@code RouteKey} to skip the lookup). Engine thread only.
     */
    DirectBuffer routeKeyBytes(final String routeKey)
    {
        UnsafeBuffer bytes = routeKeyBytes.get(routeKey);
        if (bytes == null)
        {
            bytes = new UnsafeBuffer(routeKey.getBytes(StandardCharsets.UTF_8));
            routeKeyBytes.put(routeKey, bytes);
        }
        return bytes;
    }
}
