package dev.actr.engine.internal.host;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.codec.proto.ErrorResponse;
import dev.actr.engine.CallFailedException;
import dev.actr.engine.internal.pending.PendingCall;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * A host call answered through a {@link CompletableFuture}. The engine thread only copies the response; the
 * future is completed on the node's host executor, so no dependent stage of the embedder ever runs on the engine
 * thread. A host-side timer fails it at its deadline even when the engine is stuck.
 *
 * @param <R> response type.
 */
public final class HostFutureCall<R> implements PendingCall
{
    private final CompletableFuture<R> future = new CompletableFuture<>();
    private final Parser<R> parser;
    private final Executor executor;

    /**
     * @param parser   of the response.
     * @param executor completes the future.
     */
    public HostFutureCall(final Parser<R> parser, final Executor executor)
    {
        this.parser = parser;
        this.executor = executor;
    }

    /**
     * @return the future the host waits on.
     */
    public CompletableFuture<R> future()
    {
        return future;
    }

    @Override
    public void onResponse(final long correlationId, final RpcEnvelopeFlyweight response)
    {
        final boolean isError = response.hasError();
        final int offset = isError ? response.errorOffset() : Math.max(0, response.payloadOffset());
        final int length = isError ? response.errorLength() : response.payloadLength();
        final byte[] bytes = new byte[length];
        response.buffer().getBytes(offset, bytes);
        complete(() -> decode(isError, bytes));
    }

    @Override
    public void onFailure(final long correlationId, final int errorCode, final String message)
    {
        complete(() -> future.completeExceptionally(new CallFailedException(errorCode, message)));
    }

    /**
     * Fail the call now, on the calling thread (its deadline passed, or it could not be sent).
     *
     * @param errorCode the runtime error code.
     * @param message   what happened.
     */
    public void failNow(final int errorCode, final String message)
    {
        future.completeExceptionally(new CallFailedException(errorCode, message));
    }

    private void decode(final boolean isError, final byte[] bytes)
    {
        try
        {
            if (isError)
            {
                final ErrorResponse error = ErrorResponse.parser().parseFrom(bytes);
                future.completeExceptionally(new CallFailedException(error.getCode(), error.getMessage()));
            }
            else
            {
                future.complete(parser.parseFrom(bytes));
            }
        }
        catch (final InvalidProtocolBufferException ex)
        {
            future.completeExceptionally(new CallFailedException(
                ErrorCode.DECODE_FAILURE.code(), "response did not decode: " + ex.getMessage()));
        }
    }

    private void complete(final Runnable completion)
    {
        if (future.isDone())
        {
            return;
        }
        try
        {
            executor.execute(completion);
        }
        catch (final RejectedExecutionException ex)
        {
            completion.run(); // the node is closing: complete here rather than never
        }
    }
}
