package dev.actr.engine.actor;

/**
 * The continuation of a call: runs on the scheduler thread with the calling actor's context when the response
 * arrives, the call fails, or its deadline passes.
 *
 * @param <R> response type.
 */
public interface ReplyHandler<R>
{
    /**
     * @param ctx      the calling actor's context.
     * @param response the decoded response.
     */
    void onReply(ActorContext ctx, R response);

    /**
     * @param ctx       the calling actor's context.
     * @param errorCode {@code ErrorResponse.code} (see {@code dev.actr.codec.ErrorCode} for runtime codes).
     * @param message   {@code ErrorResponse.message}.
     */
    void onError(ActorContext ctx, int errorCode, String message);
}
