package dev.actr.engine.contract;

import com.google.protobuf.Int64Value;
import com.google.protobuf.StringValue;
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

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The actor every node of the contract suite hosts. Its state is read by the test thread, so it is kept in
 * concurrent collections.
 */
final class ContractActor implements Actor
{
    static final RouteKey ECHO = RouteKey.of("contract.Node.Echo");
    static final RouteKey RELAY = RouteKey.of("contract.Node.Relay");
    static final RouteKey HOLD = RouteKey.of("contract.Node.Hold");
    static final RouteKey RELEASE = RouteKey.of("contract.Node.Release");
    static final RouteKey NOTE = RouteKey.of("contract.Node.Note");
    static final RouteKey WHO = RouteKey.of("contract.Node.Who");
    static final RouteKey STREAM = RouteKey.of("contract.Node.Stream");
    static final String RELIABLE_STREAM = "reliable";
    static final String LATENCY_STREAM = "latency";

    final AtomicInteger echoes = new AtomicInteger();
    final AtomicInteger notes = new AtomicInteger();
    final List<String> callers = new CopyOnWriteArrayList<>();
    final List<String> heldRequestIds = new CopyOnWriteArrayList<>();
    final Map<String, DeferredReply<Int64Value>> held = new ConcurrentHashMap<>();
    final List<Long> reliableChunks = new CopyOnWriteArrayList<>();
    final List<Long> latencyChunks = new CopyOnWriteArrayList<>();
    final List<String> peerEvents = new CopyOnWriteArrayList<>();
    private final ActrId relayTo;

    /**
     * @param relayTo the peer {@link #RELAY} calls.
     */
    ContractActor(final ActrId relayTo)
    {
        this.relayTo = relayTo;
    }

    @Override
    public void onRegister(final Routes routes)
    {
        routes.handle(ECHO, Int64Value.parser(), (ctx, request) ->
        {
            echoes.incrementAndGet();
            return Int64Value.of(request.getValue() + 1);
        });
        routes.handle(RELAY, Int64Value.parser(), this::relay);
        routes.handle(HOLD, Int64Value.parser(), (ctx, request) ->
        {
            final DeferredReply<Int64Value> deferred = ctx.defer();
            heldRequestIds.add(ctx.requestId());
            held.put(ctx.requestId(), deferred);
            return null;
        });
        routes.handle(RELEASE, StringValue.parser(), (ctx, requestId) ->
        {
            final DeferredReply<Int64Value> deferred = held.remove(requestId.getValue());
            return Int64Value.of(deferred != null && deferred.reply(Int64Value.of(-1)) ? 1 : 0);
        });
        routes.handle(NOTE, Int64Value.parser(), (ctx, request) ->
        {
            notes.addAndGet((int)request.getValue());
            return null;
        });
        routes.handle(WHO, Int64Value.parser(), (ctx, request) ->
        {
            callers.add(ctx.callerIsHost() ? "host" : Long.toHexString(ctx.caller().getSerialNumber()));
            return request;
        });
        routes.handle(STREAM, Int64Value.parser(), (ctx, request) -> stream(ctx, request.getValue()));
    }

    @Override
    public void onStart(final ActorContext ctx)
    {
        ctx.registerStream(RELIABLE_STREAM, PayloadType.STREAM_RELIABLE,
            (c, chunk) -> reliableChunks.add(chunk.getSequence()));
        ctx.registerStream(LATENCY_STREAM, PayloadType.STREAM_LATENCY_FIRST,
            (c, chunk) -> latencyChunks.add(chunk.getSequence()));
    }

    @Override
    public void onPeerConnected(final ActorContext ctx, final ActrId peer)
    {
        peerEvents.add("up " + Long.toHexString(peer.getSerialNumber()));
    }

    @Override
    public void onPeerDisconnected(final ActorContext ctx, final ActrId peer, final int reason)
    {
        peerEvents.add("down " + Long.toHexString(peer.getSerialNumber()));
    }

    /**
     * Call the peer's echo and answer with its answer (a call across nodes from inside a handler).
     */
    private Int64Value relay(final ActorContext ctx, final Int64Value request)
    {
        final DeferredReply<Int64Value> deferred = ctx.defer();
        ctx.call(Dest.peer(relayTo), ECHO, request, Int64Value.parser(), 5_000).then(new ReplyHandler<>()
        {
            @Override
            public void onReply(final ActorContext c, final Int64Value response)
            {
                deferred.reply(Int64Value.of(response.getValue() * 10));
            }

            @Override
            public void onError(final ActorContext c, final int errorCode, final String message)
            {
                deferred.fail(errorCode, message);
            }
        });
        return null;
    }

    /**
     * Send {@code count} chunks on each stream kind to the peer.
     */
    private Int64Value stream(final ActorContext ctx, final long count)
    {
        int refused = 0;
        for (long i = 0; i < count; i++)
        {
            refused += ctx.sendChunk(Dest.peer(relayTo), chunk(RELIABLE_STREAM, i), PayloadType.STREAM_RELIABLE) ==
                ActorContext.SEND_OK ? 0 : 1;
            refused += ctx.sendChunk(Dest.peer(relayTo), chunk(LATENCY_STREAM, i), PayloadType.STREAM_LATENCY_FIRST) ==
                ActorContext.SEND_OK ? 0 : 1;
        }
        return Int64Value.of(refused);
    }

    private static DataChunk chunk(final String streamId, final long sequence)
    {
        return DataChunk.newBuilder().setStreamId(streamId).setSequence(sequence)
            .setPayload(com.google.protobuf.ByteString.copyFromUtf8("chunk " + sequence)).build();
    }
}
