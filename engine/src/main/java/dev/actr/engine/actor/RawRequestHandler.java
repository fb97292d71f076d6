package dev.actr.engine.actor;

import org.agrona.DirectBuffer;

/**
 * Handles one request (or tell) of a route as raw payload bytes. Replies with
 * {@link ActorContext#replyRaw}, {@link ActorContext#defer()} or {@link ActorContext#fail}.
 */
@FunctionalInterface
public interface RawRequestHandler
{
    /**
     * @param ctx    the actor's context for this request.
     * @param buffer holding the payload; valid only during the call.
     * @param offset of the payload.
     * @param length of the payload.
     */
    void onRequest(ActorContext ctx, DirectBuffer buffer, int offset, int length);
}
