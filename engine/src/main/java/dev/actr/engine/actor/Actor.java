package dev.actr.engine.actor;

/**
 * An actor: a set of handlers, registered per route key, with lifecycle hooks. Every method runs on the
 * scheduler thread, one at a time; an actor's state needs no locks, and no method may block.
 */
public interface Actor
{
    /**
     * Declare the handlers of this actor. Called once, before {@link #onStart}.
     *
     * @param routes to register handlers with.
     */
    void onRegister(Routes routes);

    /**
     * Called once when the node launches; an exception aborts the launch with that exception.
     *
     * @param ctx the actor's context.
     */
    default void onStart(final ActorContext ctx)
    {
    }

    /**
     * Called once every actor of the node has started; messages may arrive from now on.
     *
     * @param ctx the actor's context.
     */
    default void onReady(final ActorContext ctx)
    {
    }

    /**
     * Called once when the node closes.
     *
     * @param ctx the actor's context.
     */
    default void onStop(final ActorContext ctx)
    {
    }

    /**
     * Called when a handler or continuation of this actor threw; the request was answered with
     * {@code Internal} and the node goes on.
     *
     * @param ctx   the actor's context.
     * @param error what was thrown.
     */
    default void onError(final ActorContext ctx, final Throwable error)
    {
    }
}
