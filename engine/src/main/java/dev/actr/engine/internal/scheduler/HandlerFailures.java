package dev.actr.engine.internal.scheduler;

import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import org.agrona.ErrorHandler;

/**
 * What happens when a handler, continuation or lifecycle hook throws: counted, told to the actor's
 * {@code onError}, then to the node's error handler; the engine goes on.
 *
 * <p>NOT thread safe: the engine thread only.
 */
final class HandlerFailures
{
    private final SystemCounters counters;
    private final ErrorHandler errorHandler;

    HandlerFailures(final SystemCounters counters, final ErrorHandler errorHandler)
    {
        this.counters = counters;
        this.errorHandler = errorHandler;
    }

    void onHandlerError(final ActorContextImpl ctx, final Throwable error)
    {
        counters.increment(SystemCounter.HANDLER_ERRORS);
        try
        {
            ctx.actor().onError(ctx, error);
        }
        catch (final RuntimeException | Error nested)
        {
            error.addSuppressed(nested);
        }
        errorHandler.onError(error);
    }

    void onError(final Throwable error)
    {
        errorHandler.onError(error);
    }
}
