package dev.actr.lanes.signaling;

import dev.actr.codec.ActrException;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import org.agrona.ErrorHandler;

/**
 * Hands what the NATS client reports (server errors, exceptions on its threads) to the server's error handler, as
 * warnings: the client reconnects by itself.
 */
final class NatsErrors implements ErrorListener
{
    private final ErrorHandler errorHandler;

    NatsErrors(final ErrorHandler errorHandler)
    {
        this.errorHandler = errorHandler;
    }

    @Override
    public void errorOccurred(final Connection connection, final String error)
    {
        errorHandler.onError(new ActrException(ActrException.Category.WARN, "NATS server error: " + error));
    }

    @Override
    public void exceptionOccurred(final Connection connection, final Exception exception)
    {
        errorHandler.onError(new ActrException(ActrException.Category.WARN, "NATS client: " + exception, exception));
    }
}
