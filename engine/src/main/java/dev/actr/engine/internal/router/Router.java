package dev.actr.engine.internal.router;

import dev.actr.codec.CodecStatus;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.FrameKind;
import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.codec.proto.Direction;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.SystemCounters;
import dev.actr.engine.internal.EngineClock;
import dev.actr.engine.internal.egress.EgressProxy;
import dev.actr.engine.internal.egress.LaneResults;
import dev.actr.engine.internal.ingress.IngressEvent;
import dev.actr.engine.internal.ingress.IngressRing;
import dev.actr.engine.internal.ingress.LocalFrames;
import dev.actr.engine.internal.pending.PendingCall;
import dev.actr.engine.internal.pending.PendingCalls;
import dev.actr.engine.internal.peer.PeerResolver;
import dev.actr.engine.internal.peer.PeerTable;
import dev.actr.engine.internal.replay.JournalRecorder;
import dev.actr.lanes.Lane;

/**
 * Routes each frame on the engine thread — those of the ingress ring (host threads, network lanes) and the
 * engine's own {@link LocalFrames}: RESPONSE envelopes to the pending map (only from the source the call waits
 * for), REQUEST and TELL envelopes into the mailbox ({@link MailboxIntake}), chunks to the stream registry, host
 * frames for peers out to their connection, and connection events to {@link ConnectionEvents}. Allocation-free.
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class Router implements IngressRing.Handler
{
    private final IngressRing ring;
    private final LocalFrames local;
    private final MailboxIntake intake;
    private final ChunkIntake chunks;
    private final PendingCalls pending;
    private final PeerTable peers;
    private final PeerResolver resolver;
    private final EgressProxy egress;
    private final ConnectionEvents connections;
    private final DiscoveryEvents discoveries;
    private final SystemCounters counters;
    private final EngineClock clock;
    private final JournalRecorder recorder;
    private final RpcEnvelopeFlyweight envelope = new RpcEnvelopeFlyweight();
    private final IngressRing.Handler localHandler = this::onFrame;

    /**
     * @param ring        the ingress ring.
     * @param local       frames the engine sent to itself.
     * @param intake      puts requests and tells into the mailbox.
     * @param chunks      queues chunks.
     * @param pending     calls waiting for responses.
     * @param peers       the peer table.
     * @param resolver    resolves host frames' peers (connecting on demand).
     * @param egress      for host frames to peers.
     * @param connections told of connection events.
     * @param discoveries told of discovery outcomes.
     * @param counters    system counters.
     * @param clock       the engine clock.
     * @param recorder    told of every frame taken from the ring (NONE when a journaller thread records them).
     */
    public Router(
        final IngressRing ring,
        final LocalFrames local,
        final MailboxIntake intake,
        final ChunkIntake chunks,
        final PendingCalls pending,
        final PeerTable peers,
        final PeerResolver resolver,
        final EgressProxy egress,
        final ConnectionEvents connections,
        final DiscoveryEvents discoveries,
        final SystemCounters counters,
        final EngineClock clock,
        final JournalRecorder recorder)
    {
        this.ring = ring;
        this.local = local;
        this.intake = intake;
        this.chunks = chunks;
        this.pending = pending;
        this.peers = peers;
        this.resolver = resolver;
        this.egress = egress;
        this.connections = connections;
        this.discoveries = discoveries;
        this.counters = counters;
        this.clock = clock;
        this.recorder = recorder;
    }

    /**
     * Route what is waiting: the engine's own frames first (replies to the host among them), then the ring's.
     *
     * @param limit most frames of each source.
     * @return frames routed.
     */
    public int poll(final int limit)
    {
        int work = local.poll(localHandler, limit);
        if (chunks.releaseHeld())
        {
            work += ring.poll(this, limit);
        }
        return work;
    }

    /**
     * @return frames waiting in the engine's own queue or visible in the ring.
     */
    public boolean hasInput()
    {
        return local.size() > 0 || (ring.backlog() > 0 && chunks.releaseHeld());
    }

    @Override
    public void onEvent(final IngressEvent event)
    {
        recorder.onIngress(clock.nanoTime(), event);
        onFrame(event);
    }

    private void onFrame(final IngressEvent event)
    {
        counters.increment(SystemCounter.FRAMES_IN);
        switch (event.kind())
        {
            case FrameKind.ENVELOPE:
                onEnvelope(event);
                break;
            case FrameKind.CHUNK:
                onChunk(event);
                break;
            case FrameKind.HOST_CALL:
                onHostCall(event);
                break;
            case FrameKind.CONNECTED:
                connections.onConnected(event.connectionId(), event.peer(), (Lane)event.attachment());
                break;
            case FrameKind.DISCONNECTED:
                connections.onDisconnected(event.connectionId(), event.payloadType());
                break;
            case FrameKind.CONNECT_FAILED:
                connections.onConnectFailed(event.peer(), event.payloadType());
                break;
            case FrameKind.DISCOVERED:
                discoveries.onDiscovered(event.correlationId(), event.attachment());
                break;
            default:
                counters.increment(SystemCounter.FRAMES_MALFORMED);
                break;
        }
    }

    private int sourceOf(final IngressEvent event)
    {
        if (event.sourceIndex() != IngressEvent.SOURCE_CONNECTION)
        {
            return event.sourceIndex();
        }
        final int source = peers.indexOfConnection(event.connectionId());
        if (source < 0)
        {
            counters.increment(SystemCounter.FRAMES_UNKNOWN_CONNECTION);
        }
        return source;
    }

    private void onEnvelope(final IngressEvent event)
    {
        final int source = sourceOf(event);
        if (source < 0)
        {
            return;
        }
        if (envelope.wrap(event.buffer(), 0, event.length()) != CodecStatus.OK)
        {
            counters.increment(SystemCounter.FRAMES_MALFORMED);
            return;
        }
        if (envelope.direction() == Direction.RESPONSE_VALUE)
        {
            onResponse(source);
        }
        else if (event.targetIndex() == IngressEvent.TARGET_PEER)
        {
            forwardToPeer(event, null);
        }
        else
        {
            intake.enqueue(event, envelope, source);
        }
    }

    private void onResponse(final int source)
    {
        switch (pending.onResponse(envelope, source))
        {
            case PendingCalls.MATCHED:
                counters.increment(SystemCounter.RESPONSES);
                break;
            case PendingCalls.WRONG_SOURCE:
                counters.increment(SystemCounter.RESPONSES_WRONG_SOURCE);
                break;
            default:
                counters.increment(SystemCounter.RESPONSES_UNMATCHED);
                break;
        }
    }

    private void onHostCall(final IngressEvent event)
    {
        final PendingCall call = (PendingCall)event.attachment();
        if (envelope.wrap(event.buffer(), 0, event.length()) != CodecStatus.OK)
        {
            counters.increment(SystemCounter.FRAMES_MALFORMED);
            call.onFailure(event.correlationId(), ErrorCode.INVALID_ARGUMENT.code(), "malformed request envelope");
            return;
        }
        if (event.targetIndex() == IngressEvent.TARGET_PEER)
        {
            forwardToPeer(event, call);
            return;
        }
        if (!pending.register(event.correlationId(), event.deadlineNs(), event.targetIndex(), call))
        {
            call.onFailure(event.correlationId(), ErrorCode.UNAVAILABLE.code(), "too many calls waiting");
            return;
        }
        intake.enqueue(event, envelope, event.sourceIndex());
    }

    /**
     * A host call or tell for a peer of another node: sent on the peer's connection as the host encoded it.
     */
    private void forwardToPeer(final IngressEvent event, final PendingCall call)
    {
        final int peerIndex = resolver.resolve(event.peer());
        if (peerIndex < 0)
        {
            if (call != null)
            {
                call.onFailure(event.correlationId(), ErrorCode.CONNECTION_NOT_READY.code(),
                    "no connection to peer " + Long.toHexString(event.peer().getSerialNumber()));
            }
            return;
        }
        if (call != null && !pending.register(event.correlationId(), event.deadlineNs(), peerIndex, call))
        {
            call.onFailure(event.correlationId(), ErrorCode.UNAVAILABLE.code(), "too many calls waiting");
            return;
        }
        final int sent = egress.forward(event.sourceIndex(), peerIndex, event.payloadType(), event.buffer(), 0,
            event.length());
        if (sent != Lane.OK && call != null)
        {
            pending.fail(event.correlationId(), LaneResults.errorCodeOf(sent), LaneResults.messageOf(sent));
        }
    }

    private void onChunk(final IngressEvent event)
    {
        final int source = sourceOf(event);
        if (source >= 0 && !chunks.offer(event.targetIndex(), event.buffer(), 0, event.length(),
            PeerTable.isPeer(source)))
        {
            ring.stopPoll();
        }
    }
}
