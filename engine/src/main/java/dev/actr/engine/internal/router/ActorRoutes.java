package dev.actr.engine.internal.router;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.actor.RawRequestHandler;
import dev.actr.engine.actor.RequestHandler;
import dev.actr.engine.actor.Routes;

import java.util.Objects;

/**
 * The {@link Routes} handed to one actor's {@code onRegister}: adds its routes to the node's table.
 */
public final class ActorRoutes implements Routes
{
    private final RouteTable table;
    private final int actorIndex;

    /**
     * @param table      the node's route table.
     * @param actorIndex the registering actor.
     */
    public ActorRoutes(final RouteTable table, final int actorIndex)
    {
        this.table = table;
        this.actorIndex = actorIndex;
    }

    @Override
    public <Q, R extends MessageLite> Routes handle(
        final String routeKey, final PayloadType payloadType, final Parser<Q> parser, final RequestHandler<Q, R> handler)
    {
        table.add(check(routeKey), actorIndex, payloadType.getNumber(),
            Objects.requireNonNull(parser, "parser"), Objects.requireNonNull(handler, "handler"), null);
        return this;
    }

    @Override
    public Routes handleRaw(final String routeKey, final PayloadType payloadType, final RawRequestHandler handler)
    {
        table.add(check(routeKey), actorIndex, payloadType.getNumber(), null, null,
            Objects.requireNonNull(handler, "handler"));
        return this;
    }

    private static String check(final String routeKey)
    {
        if (routeKey == null || routeKey.isEmpty())
        {
            throw new IllegalArgumentException("route key must be non-empty");
        }
        return routeKey;
    }
}
