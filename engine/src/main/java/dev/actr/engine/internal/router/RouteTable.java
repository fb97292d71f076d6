package dev.actr.engine.internal.router;

import com.google.protobuf.MessageLite;
import dev.actr.codec.Buffers;
import com.google.protobuf.Parser;
import dev.actr.engine.actor.RawRequestHandler;
import dev.actr.engine.actor.RequestHandler;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * Every route of every actor of the node, found by the route key's bytes as they lie in an envelope — no
 * string is built to look one up. Filled before launch, read-only afterwards.
 */
public final class RouteTable
{
    private final Long2ObjectHashMap<RouteEntry> byHash = new Long2ObjectHashMap<>();
    private final List<RouteEntry> entries = new ArrayList<>();

    /**
     * Register a route (before launch).
     *
     * @param routeKey    route key.
     * @param actorIndex  actor that handles it.
     * @param payloadType PayloadType number.
     * @param parser      request parser (typed), or null.
     * @param handler     typed handler, or null.
     * @param rawHandler  raw handler, or null.
     * @return the entry.
     * @throws IllegalArgumentException when the actor already registered the route.
     */
    public RouteEntry add(
        final String routeKey,
        final int actorIndex,
        final int payloadType,
        final Parser<?> parser,
        final RequestHandler<?, ? extends MessageLite> handler,
        final RawRequestHandler rawHandler)
    {
        final RouteEntry entry = new RouteEntry(entries.size(), routeKey, actorIndex, payloadType, parser, handler, rawHandler);
        final long hash = hash(entry.routeKeyBytes, 0, entry.routeKeyBytes.capacity());
        RouteEntry existing = byHash.get(hash);
        if (existing == null)
        {
            byHash.put(hash, entry);
        }
        else
        {
            while (true)
            {
                if (existing.actorIndex == actorIndex && existing.routeKey.equals(routeKey))
                {
                    throw new IllegalArgumentException("route registered twice by one actor: " + routeKey);
                }
                if (existing.next == null)
                {
                    existing.next = entry;
                    break;
                }
                existing = existing.next;
            }
        }
        entries.add(entry);
        return entry;
    }

    /**
     * @param buffer      holding the route key bytes.
     * @param offset      of the bytes.
     * @param length      of the bytes.
     * @param actorIndex  the actor wanted, or -1 for the first actor that handles the route.
     * @return the entry, or null when no (such) actor handles the route.
     */
    public RouteEntry find(final DirectBuffer buffer, final int offset, final int length, final int actorIndex)
    {
        RouteEntry entry = byHash.get(hash(buffer, offset, length));
        while (entry != null)
        {
            if ((actorIndex < 0 || entry.actorIndex == actorIndex) && entry.matches(buffer, offset, length))
            {
                return entry;
            }
            entry = entry.next;
        }
        return null;
    }

    /**
     * @param index position of a route.
     * @return the route, or null when there is none at that position.
     */
    public RouteEntry get(final int index)
    {
        return index >= 0 && index < entries.size() ? entries.get(index) : null;
    }

    /**
     * @return every route, in registration order.
     */
    public List<RouteEntry> entries()
    {
        return entries;
    }

    static long hash(final DirectBuffer buffer, final int offset, final int length)
    {
        return Buffers.hash(Buffers.HASH_SEED, buffer, offset, length);
    }
}
