package dev.actr.engine.actor;

/**
 * Handles one request (or tell) of a route, typed by its protobuf request and response classes.
 *
 * @param <Q> request message type.
 * @param <R> response message type.
 */
@FunctionalInterface
public interface RequestHandler<Q, R>
{
    /**
     * @param ctx     the actor's context for this request.
     * @param request the decoded request.
     * @return the response to send now, or {@code null} after {@link ActorContext#defer()} or
     * {@link ActorContext#fail}; ignored for a tell. Throwing answers {@code Internal}.
     */
    R onRequest(ActorContext ctx, Q request);
}
