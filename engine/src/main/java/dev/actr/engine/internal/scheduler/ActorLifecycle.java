package dev.actr.engine.internal.scheduler;

import dev.actr.codec.proto.ActrId;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.internal.HandlerWatchdog;

/**
 * Runs the actors' lifecycle hooks on the engine thread: {@code onStart} of every actor then {@code onReady} of
 * every actor at launch (the first failure aborts the launch), {@code onStop} at close, and the peer hooks.
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class ActorLifecycle
{
    private final ActorDirectory directory;
    private final HandlerFailures failures;
    private final HandlerWatchdog watchdog;

    ActorLifecycle(final ActorDirectory directory, final HandlerFailures failures, final HandlerWatchdog watchdog)
    {
        this.directory = directory;
        this.failures = failures;
        this.watchdog = watchdog;
    }

    /**
     * Run every actor's {@code onStart}, then every actor's {@code onReady}.
     *
     * @throws RuntimeException the first hook's failure (the launch is aborted with it).
     */
    public void start()
    {
        for (int i = 0; i < directory.count(); i++)
        {
            final ActorContextImpl ctx = directory.context(i);
            ctx.actor().onStart(ctx);
        }
        for (int i = 0; i < directory.count(); i++)
        {
            final ActorContextImpl ctx = directory.context(i);
            ctx.actor().onReady(ctx);
        }
    }

    /**
     * Run every actor's {@code onStop}; a failure goes to the error handler and the others still run.
     */
    public void stop()
    {
        for (int i = 0; i < directory.count(); i++)
        {
            final ActorContextImpl ctx = directory.context(i);
            try
            {
                ctx.actor().onStop(ctx);
            }
            catch (final RuntimeException ex)
            {
                failures.onError(ex);
            }
        }
    }

    /**
     * @param index an actor index.
     * @return its context, for hooks run outside the engine (never for sending).
     */
    public ActorContext context(final int index)
    {
        return directory.context(index);
    }

    void peerConnected(final ActrId peer)
    {
        for (int i = 0; i < directory.count(); i++)
        {
            final ActorContextImpl ctx = directory.context(i);
            watchdog.begin(i, -1);
            try
            {
                ctx.actor().onPeerConnected(ctx, peer);
            }
            catch (final RuntimeException | Error ex)
            {
                failures.onHandlerError(ctx, ex);
            }
            finally
            {
                watchdog.end();
            }
        }
    }

    void peerDisconnected(final ActrId peer, final int reason)
    {
        for (int i = 0; i < directory.count(); i++)
        {
            final ActorContextImpl ctx = directory.context(i);
            watchdog.begin(i, -1);
            try
            {
                ctx.actor().onPeerDisconnected(ctx, peer, reason);
            }
            catch (final RuntimeException | Error ex)
            {
                failures.onHandlerError(ctx, ex);
            }
            finally
            {
                watchdog.end();
            }
        }
    }
}
