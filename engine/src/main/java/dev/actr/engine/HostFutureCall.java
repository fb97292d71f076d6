package dev.actr.engine;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.codec.proto.ErrorResponse;
import dev.actr.engine.pending.PendingCall;
import dev.actr.engine.scheduler.Payloads;

import java.util.concurrent.CompletableFuture;

/**
 * A host call answered through a {@link CompletableFuture}, completed on the engine thread: dependent stages
 * attached with non-async methods run there too, so attach slow work with the {@code *Async} variants.
 */
final class HostFutureCall<R> implements PendingCall
{
    final CompletableFuture<R> future = new CompletableFuture<>();
    private final Parser<R> parser;

    HostFutureCall(final Parser<R> parser)
    {
        this.parser = parser;
    }

    @Override
    public void onResponse(final long correlationId, final RpcEnvelopeFlyweight response)
    {
        try
        {
            if (response.hasError())
            {
                final ErrorResponse error = Payloads.parse(
                    ErrorResponse.parser(), response.buffer(), response.errorOffset(), response.errorLength());
                future.completeExceptionally(new CallFailedException(error.getCode(), error.getMessage()));
                return;
            }
            future.complete(Payloads.parse(parser, response.buffer(), Math.max(0, response.payloadOffset()),
                response.payloadLength()));
        }
        catch (final InvalidProtocolBufferException ex)
        {
            future.completeExceptionally(new CallFailedException(
                ErrorCode.DECODE_FAILURE.code(), "response did not decode: " + ex.getMessage()));
        }
    }

    @Override
    public void onFailure(final long correlationId, final int errorCode, final String message)
    {
        future.completeExceptionally(new CallFailedException(errorCode, message));
    }
}
