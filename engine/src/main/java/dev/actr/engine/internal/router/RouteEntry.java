package dev.actr.engine.internal.router;

import dev.actr.codec.Buffers;
import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.actr.engine.actor.RawRequestHandler;
import dev.actr.engine.actor.RequestHandler;
import org.HdrHistogram.SingleWriterRecorder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * One registered route of one actor: its handler, its lane and its latency recorder.
 */
public final class RouteEntry
{
    private static final long HIGHEST_TRACKABLE_NS = 60_000_000_000L;

    final int index;
    final String routeKey;
    final UnsafeBuffer routeKeyBytes;
    final int actorIndex;
    final int payloadType;
    final Parser<?> parser;
    final RequestHandler<Object, MessageLite> handler;
    final RawRequestHandler rawHandler;
    final SingleWriterRecorder latencyNs = new SingleWriterRecorder(HIGHEST_TRACKABLE_NS, 3);
    RouteEntry next;

    @SuppressWarnings("unchecked")
    RouteEntry(
        final int index,
        final String routeKey,
        final int actorIndex,
        final int payloadType,
        final Parser<?> parser,
        final RequestHandler<?, ? extends MessageLite> handler,
        final RawRequestHandler rawHandler)
    {
        this.index = index;
        this.routeKey = routeKey;
        this.routeKeyBytes = new UnsafeBuffer(routeKey.getBytes(StandardCharsets.UTF_8));
        this.actorIndex = actorIndex;
        this.payloadType = payloadType;
        this.parser = parser;
        this.handler = (RequestHandler<Object, MessageLite>)handler;
        this.rawHandler = rawHandler;
    }

    /**
     * @return position of the route in the node's route table.
     */
    public int index()
    {
        return index;
    }

    /**
     * @return the route key.
     */
    public String routeKey()
    {
        return routeKey;
    }

    /**
     * @return the route key's UTF-8 bytes.
     */
    public UnsafeBuffer routeKeyBytes()
    {
        return routeKeyBytes;
    }

    /**
     * @return index of the actor that handles it.
     */
    public int actorIndex()
    {
        return actorIndex;
    }

    /**
     * @return PayloadType number of the lane its requests travel on.
     */
    public int payloadType()
    {
        return payloadType;
    }

    /**
     * @return the request parser of a typed handler, or null for a raw one.
     */
    public Parser<?> parser()
    {
        return parser;
    }

    /**
     * @return the typed handler, or null for a raw one.
     */
    public RequestHandler<Object, MessageLite> handler()
    {
        return handler;
    }

    /**
     * @return the raw handler, or null for a typed one.
     */
    public RawRequestHandler rawHandler()
    {
        return rawHandler;
    }

    /**
     * @return recorder of arrival-to-reply latency in ns (single writer: the engine thread).
     */
    public SingleWriterRecorder latencyNs()
    {
        return latencyNs;
    }

    boolean matches(final DirectBuffer buffer, final int offset, final int length)
    {
        return length == routeKeyBytes.capacity() && Buffers.equals(routeKeyBytes, 0, buffer, offset, length);
    }
}
