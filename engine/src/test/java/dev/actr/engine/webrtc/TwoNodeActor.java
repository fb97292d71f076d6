package dev.actr.engine.webrtc;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import com.google.protobuf.Int64Value;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.DeferredReply;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.ReplyHandler;
import dev.actr.engine.actor.RouteKey;
import dev.actr.engine.actor.Routes;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The actor of both nodes of {@link WebRtcTwoNodeTest}, one per JVM: echoes numbers and bytes, holds calls
 * unanswered, calls its peer many times from continuations, sends a seeded byte stream to its peer as reliable
 * chunks when pumped, and digests the stream it receives. Its state is the engine thread's; the test reads the
 * counters, and the sender's digest once the last pump returned.
 */
final class TwoNodeActor implements Actor
{
    static final RouteKey ECHO = RouteKey.of("twonode.Node.Echo");
    static final RouteKey ECHO_BYTES = RouteKey.of("twonode.Node.EchoBytes");
    static final RouteKey HOLD = RouteKey.of("twonode.Node.Hold");
    static final RouteKey CALL_PEER = RouteKey.of("twonode.Node.CallPeer");
    static final RouteKey PUMP = RouteKey.of("twonode.Node.Pump");
    static final RouteKey RECEIVED = RouteKey.of("twonode.Node.Received");
    static final String STREAM = "bulk";
    static final int CHUNK_BYTES = 16 * 1024;
    private static final int CALL_WINDOW = 32;

    final AtomicInteger echoes = new AtomicInteger();
    private final ActrId peer;
    private final List<DeferredReply<Int64Value>> held = new ArrayList<>();
    private final MessageDigest received = sha256();
    private final MessageDigest sent = sha256();
    private long receivedBytes;
    private long nextReceived;
    private long outOfSequence;
    private long sentBytes;
    private long nextSent;
    private Random source;
    private DataChunk pending;

    /**
     * @param peer the node this one calls and streams to.
     */
    TwoNodeActor(final ActrId peer)
    {
        this.peer = peer;
    }

    @Override
    public void onRegister(final Routes routes)
    {
        routes.handle(ECHO, Int64Value.parser(), (ctx, request) ->
        {
            echoes.incrementAndGet();
            return Int64Value.of(request.getValue() + 1);
        });
        routes.handle(ECHO_BYTES, BytesValue.parser(), (ctx, request) -> request);
        routes.handle(HOLD, Int64Value.parser(), (ctx, request) ->
        {
            held.add(ctx.defer());
            return null;
        });
        routes.handle(CALL_PEER, Int64Value.parser(), (ctx, request) ->
        {
            final CallRun run = new CallRun(request.getValue(), ctx.defer());
            for (int i = 0; i < CALL_WINDOW && run.issued < run.total; i++)
            {
                issue(ctx, run);
            }
            return null;
        });
        routes.handle(PUMP, Int64Value.parser(), (ctx, request) -> Int64Value.of(pump(ctx, request.getValue())));
        routes.handle(RECEIVED, Int64Value.parser(), (ctx, request) -> BytesValue.of(receivedSummary()));
    }

    @Override
    public void onStart(final ActorContext ctx)
    {
        ctx.registerStream(STREAM, PayloadType.STREAM_RELIABLE, (c, chunk) ->
        {
            if (chunk.getSequence() != nextReceived)
            {
                outOfSequence++;
            }
            nextReceived = chunk.getSequence() + 1;
            received.update(chunk.getPayload().asReadOnlyByteBuffer());
            receivedBytes += chunk.getPayload().size();
        });
    }

    private void issue(final ActorContext ctx, final CallRun run)
    {
        final long value = run.issued++;
        ctx.call(Dest.peer(peer), ECHO, Int64Value.of(value), Int64Value.parser(), 30_000).then(new ReplyHandler<>()
        {
            @Override
            public void onReply(final ActorContext c, final Int64Value response)
            {
                run.answered += response.getValue() == value + 1 ? 1 : 0;
                next(c, run);
            }

            @Override
            public void onError(final ActorContext c, final int errorCode, final String message)
            {
                next(c, run);
            }
        });
    }

    private void next(final ActorContext ctx, final CallRun run)
    {
        run.done++;
        if (run.issued < run.total)
        {
            issue(ctx, run);
        }
        else if (run.done == run.total)
        {
            run.reply.reply(Int64Value.of(run.answered));
        }
    }

    /**
     * Send the next chunks of a seeded byte stream of {@code total} bytes until the lane pushes back.
     *
     * @return bytes sent so far.
     */
    private long pump(final ActorContext ctx, final long total)
    {
        if (source == null)
        {
            source = new Random(total);
        }
        while (sentBytes < total)
        {
            if (pending == null)
            {
                final byte[] payload = new byte[(int)Math.min(CHUNK_BYTES, total - sentBytes)];
                source.nextBytes(payload);
                pending = DataChunk.newBuilder().setStreamId(STREAM).setSequence(nextSent)
                    .setPayload(ByteString.copyFrom(payload)).build();
            }
            final int result = ctx.sendChunk(Dest.peer(peer), pending, PayloadType.STREAM_RELIABLE);
            if (result != ActorContext.SEND_OK)
            {
                break; // back-pressured (or unreachable: the test sees no progress)
            }
            sent.update(pending.getPayload().asReadOnlyByteBuffer());
            sentBytes += pending.getPayload().size();
            nextSent++;
            pending = null;
        }
        return sentBytes;
    }

    /**
     * @return the digest of the bytes sent so far (once the pumping is over).
     */
    byte[] sentDigest()
    {
        try
        {
            return ((MessageDigest)sent.clone()).digest();
        }
        catch (final CloneNotSupportedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * @return bytes received (8), chunks out of sequence (8), then the digest of the bytes received (32).
     */
    private ByteString receivedSummary()
    {
        final ByteBuffer summary = ByteBuffer.allocate(16 + 32);
        summary.putLong(receivedBytes).putLong(outOfSequence);
        try
        {
            summary.put(((MessageDigest)received.clone()).digest());
        }
        catch (final CloneNotSupportedException ex)
        {
            throw new IllegalStateException(ex);
        }
        return ByteString.copyFrom(summary.array());
    }

    private static MessageDigest sha256()
    {
        try
        {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** One CALL_PEER request: calls in flight up to the window, the reply once all answered. */
    private static final class CallRun
    {
        final long total;
        final DeferredReply<Int64Value> reply;
        long issued;
        long done;
        long answered;

        CallRun(final long total, final DeferredReply<Int64Value> reply)
        {
            this.total = total;
            this.reply = reply;
        }
    }
}
