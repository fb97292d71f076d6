package dev.actr.engine.actor;

import dev.actr.codec.proto.DataChunk;

/**
 * Receives the chunks of one stream, in order, on the scheduler thread.
 */
@FunctionalInterface
public interface StreamHandler
{
    /**
     * @param ctx   the receiving actor's context.
     * @param chunk the chunk.
     */
    void onChunk(ActorContext ctx, DataChunk chunk);
}
