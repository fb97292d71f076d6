package dev.actr.engine.internal.pending;

import dev.actr.codec.envelope.RpcEnvelopeFlyweight;

/**
 * A call waiting for its response. The engine thread completes it exactly once: with the response, or with a
 * timeout when its deadline passes first.
 */
public interface PendingCall
{
    /**
     * The response arrived (it may carry an {@code ErrorResponse}).
     *
     * @param correlationId of the call.
     * @param response      the response envelope, valid only during the call.
     */
    void onResponse(long correlationId, RpcEnvelopeFlyweight response);

    /**
     * The deadline passed first, or the call could not be sent.
     *
     * @param correlationId of the call.
     * @param errorCode     runtime error code ({@code TimedOut}, {@code Unavailable}, ...).
     * @param message       what happened.
     */
    void onFailure(long correlationId, int errorCode, String message);

    /**
     * @return true for a call waiting for a response (counted when it times out); false for a deadline timer
     * that only borrows the map's wheel, such as a deferred reply's.
     */
    default boolean isCall()
    {
        return true;
    }
}
