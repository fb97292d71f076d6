package dev.actr.engine.actor;

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
