package dev.actr.engine.actor;

/**
 * An actor: a set of handlers, registered per route key, with lifecycle hooks. {@link #onRegister} runs on the
 * launching thread; every other method runs on the engine thread (the invoking thread in {@code INVOKER} mode),
 * one at a time, so an actor's state needs no locks. No method may block: a handler that runs longer than
 * {@code NodeContext.handlerStallNs} is reported to the node's error handler.
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
     * A peer of another node connected (its identity verified by the lane); calls to {@code Dest.peer(peer)} can
     * reach it from now on.
     *
     * @param ctx  the actor's context.
     * @param peer the peer's id.
     */
    default void onPeerConnected(final ActorContext ctx, final dev.actr.codec.proto.ActrId peer)
    {
    }

    /**
     * A peer's connection closed; the calls this node had waiting for it failed with {@code ConnectionNotReady}.
     *
     * @param ctx    the actor's context.
     * @param peer   the peer's id.
     * @param reason a {@code dev.actr.lanes.DisconnectReason} constant.
     */
    default void onPeerDisconnected(final ActorContext ctx, final dev.actr.codec.proto.ActrId peer, final int reason)
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
