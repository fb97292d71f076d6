package dev.actr.engine;

import dev.actr.codec.ActrException;

/**
 * Told to the node's error handler, once per stall, when a handler, continuation or stream handler has run on the
 * engine thread for longer than {@link NodeContext#handlerStallNs()}: every other actor of the node waits meanwhile.
 * Its stack trace is the engine thread's at the moment the stall was seen; the node stays up.
 */
public final class HandlerStallException extends ActrException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message names the actor, the route and how long it has run.
     */
    public HandlerStallException(final String message)
    {
        super(Category.WARN, message);
    }
}
