package dev.actr.lanes.signaling;

import dev.actr.codec.proto.SignalingEnvelope;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client's requests waiting for their answer, by envelope id: each completes with the answering envelope
 * (matched by {@code reply_for}), fails with the server's {@code envelope_error}, or times out. Bounded.
 *
 * <p>NOT thread safe: the client's event loop owns it.
 */
final class PendingRequests
{
    private final EventLoop loop;
    private final int capacity;
    private final Map<String, Pending> pending = new HashMap<>();

    PendingRequests(final EventLoop loop, final int capacity)
    {
        this.loop = loop;
        this.capacity = capacity;
    }

    /**
     * @return a future for the answer to {@code envelopeId}, or null when {@code capacity} requests wait already.
     */
    CompletableFuture<SignalingEnvelope> add(final String envelopeId, final long timeoutMs)
    {
        if (pending.size() >= capacity)
        {
            return null;
        }
        final CompletableFuture<SignalingEnvelope> future = new CompletableFuture<>();
        final ScheduledFuture<?> timeout = loop.schedule(() ->
        {
            if (pending.remove(envelopeId) != null)
            {
                future.completeExceptionally(new SignalingException(SignalingException.TIMED_OUT,
                    "no answer to envelope " + envelopeId + " within " + timeoutMs + " ms"));
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
        pending.put(envelopeId, new Pending(future, timeout));
        return future;
    }

    /**
     * @return true when the envelope answered a waiting request (completed, or failed for an envelope_error).
     */
    boolean complete(final SignalingEnvelope answer)
    {
        if (!answer.hasReplyFor())
        {
            return false;
        }
        final Pending waiting = pending.remove(answer.getReplyFor());
        if (waiting == null)
        {
            return false;
        }
        waiting.timeout.cancel(false);
        if (answer.hasEnvelopeError())
        {
            waiting.future.completeExceptionally(new SignalingException(
                answer.getEnvelopeError().getCode(), answer.getEnvelopeError().getMessage()));
        }
        else
        {
            waiting.future.complete(answer);
        }
        return true;
    }

    void fail(final String envelopeId, final SignalingException failure)
    {
        final Pending waiting = pending.remove(envelopeId);
        if (waiting != null)
        {
            waiting.timeout.cancel(false);
            waiting.future.completeExceptionally(failure);
        }
    }

    void failAll(final int code, final String message)
    {
        final List<Pending> all = new ArrayList<>(pending.values());
        pending.clear();
        for (final Pending waiting : all)
        {
            waiting.timeout.cancel(false);
            waiting.future.completeExceptionally(new SignalingException(code, message));
        }
    }

    int size()
    {
        return pending.size();
    }

    private static final class Pending
    {
        private final CompletableFuture<SignalingEnvelope> future;
        private final ScheduledFuture<?> timeout;

        private Pending(final CompletableFuture<SignalingEnvelope> future, final ScheduledFuture<?> timeout)
        {
            this.future = future;
            this.timeout = timeout;
        }
    }
}
