package dev.actr.engine.actor;

/**
 * The handle of a call made from an actor. Attach a continuation with {@link #then}; it runs on the scheduler
 * thread once the call completes — at once if it already has. The state is readable at any time.
 *
 * @param <R> response type.
 */
public interface Reply<R>
{
    /** The state of a call. */
    enum State
    {
        /** Waiting for the response. */
        PENDING,
        /** The response arrived. */
        COMPLETED,
        /** The callee answered with an error, or the call could not be sent. */
        ERRORED,
        /** The deadline passed first. */
        TIMED_OUT
    }

    /**
     * @param handler the continuation; at most one per call.
     * @return this.
     */
    Reply<R> then(ReplyHandler<R> handler);

    /**
     * @return the call's state.
     */
    State state();

    /**
     * @return the correlation id the call carries on the wire.
     */
    long correlationId();
}
