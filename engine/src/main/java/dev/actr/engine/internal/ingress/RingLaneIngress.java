package dev.actr.engine.internal.ingress;

import dev.actr.codec.FrameKind;
import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.Lane;
import dev.actr.lanes.LaneIngress;
import org.agrona.DirectBuffer;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The node's {@link LaneIngress}: network lanes publish their frames and connection events into the ingress ring
 * through it. Frames are flow controlled by the ring's return code; connection events wait for room, so that none
 * is ever lost and each keeps its place among its connection's frames. Any thread.
 */
public final class RingLaneIngress implements LaneIngress
{
    private static final long ROOM_WAIT_NS = 20_000;

    private final IngressRing ring;
    private final AtomicLong connectionIds = new AtomicLong();

    /**
     * @param ring the node's ingress ring.
     */
    public RingLaneIngress(final IngressRing ring)
    {
        this.ring = ring;
    }

    @Override
    public long nextConnectionId()
    {
        return connectionIds.incrementAndGet();
    }

    @Override
    public int onFrame(
        final long connectionId, final int payloadType, final DirectBuffer buffer, final int offset, final int length)
    {
        final long sequence = ring.tryClaim(length);
        if (sequence < 0)
        {
            return (int)sequence;
        }
        final IngressEvent event = ring.event(sequence);
        try
        {
            event.prepare(length).putBytes(0, buffer, offset, length);
            event.setRemote(FrameKind.ofPayloadType(payloadType), connectionId, payloadType, length, null, null);
        }
        finally
        {
            ring.publish(sequence);
        }
        return Lane.OK;
    }

    @Override
    public void onConnected(final long connectionId, final ActrId peer, final Lane lane)
    {
        publishEvent(FrameKind.CONNECTED, connectionId, 0, lane, peer);
    }

    @Override
    public void onDisconnected(final long connectionId, final int reason)
    {
        publishEvent(FrameKind.DISCONNECTED, connectionId, reason, null, null);
    }

    @Override
    public void onConnectFailed(final ActrId peer, final int reason)
    {
        publishEvent(FrameKind.CONNECT_FAILED, 0, reason, null, peer);
    }

    private void publishEvent(
        final int kind, final long connectionId, final int reason, final Object attachment, final ActrId peer)
    {
        long sequence;
        while ((sequence = ring.tryClaim(0)) == Lane.BACK_PRESSURED)
        {
            LockSupport.parkNanos(ROOM_WAIT_NS);
        }
        if (sequence < 0)
        {
            return; // closed: the node is going away with every connection
        }
        try
        {
            ring.event(sequence).setRemote(kind, connectionId, reason, 0, attachment, peer);
        }
        finally
        {
            ring.publish(sequence);
        }
    }
}
