package dev.actr.engine.actor;

import org.agrona.DirectBuffer;

/**
 * A reply a handler promised to send later (from a continuation, on the scheduler thread). Completing it a
 * second time, or after the request's deadline answered the caller with {@code TimedOut}, does nothing and
 * returns false.
 *
 * @param <R> response type.
 */
public interface DeferredReply<R>
{
    /**
     * Record a durable effect, committed with this reply (see {@link ActorContext#effect}).
     *
     * @param buffer holding the effect (copied).
     * @param offset of the effect.
     * @param length of the effect.
     * @throws IllegalStateException when the reply was already sent.
     */
    void effect(DirectBuffer buffer, int offset, int length);

    /**
     * @param response to send.
     * @return false when the reply was already sent.
     */
    boolean reply(R response);

    /**
     * @param errorCode {@code ErrorResponse.code}.
     * @param message   {@code ErrorResponse.message}.
     * @return false when the reply was already sent.
     */
    boolean fail(int errorCode, String message);

    /**
     * @return true once a reply or error was sent.
     */
    boolean isDone();
}
