package dev.actr.engine.actor;

import com.google.protobuf.Parser;
import dev.actr.codec.proto.PayloadType;

/**
 * Where an actor registers its handlers, one per route key ({@code pkg.Service.Method}), with the payload
 * type (lane) each method travels on.
 */
public interface Routes
{
    /**
     * Register a typed handler on the RPC_RELIABLE lane.
     *
     * @param routeKey route key, e.g. {@code "acme.Echo.Say"}.
     * @param parser   of the request message.
     * @param handler  of the route.
     * @param <Q>      request type.
     * @param <R>      response type.
     * @return this.
     */
    default <Q, R extends com.google.protobuf.MessageLite> Routes handle(
        final String routeKey, final Parser<Q> parser, final RequestHandler<Q, R> handler)
    {
        return handle(routeKey, PayloadType.RPC_RELIABLE, parser, handler);
    }

    /**
     * Register a typed handler.
     *
     * @param routeKey    route key.
     * @param payloadType lane the method's requests travel on (RPC_SIGNAL is drained first).
     * @param parser      of the request message.
     * @param handler     of the route.
     * @param <Q>         request type.
     * @param <R>         response type.
     * @return this.
     */
    <Q, R extends com.google.protobuf.MessageLite> Routes handle(
        String routeKey, PayloadType payloadType, Parser<Q> parser, RequestHandler<Q, R> handler);

    /**
     * Register a raw-bytes handler.
     *
     * @param routeKey    route key.
     * @param payloadType lane the method's requests travel on.
     * @param handler     of the route.
     * @return this.
     */
    Routes handleRaw(String routeKey, PayloadType payloadType, RawRequestHandler handler);

    /**
     * Register a typed handler under a pre-encoded route key, on the key's payload type.
     *
     * @param routeKey route key.
     * @param parser   of the request message.
     * @param handler  of the route.
     * @param <Q>      request type.
     * @param <R>      response type.
     * @return this.
     */
    default <Q, R extends com.google.protobuf.MessageLite> Routes handle(
        final RouteKey routeKey, final Parser<Q> parser, final RequestHandler<Q, R> handler)
    {
        return handle(routeKey.name(), routeKey.payloadType(), parser, handler);
    }
}
