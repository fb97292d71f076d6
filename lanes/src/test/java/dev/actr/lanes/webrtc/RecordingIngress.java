package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.Lane;
import dev.actr.lanes.LaneIngress;
import org.agrona.DirectBuffer;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.fail;

/**
 * Test double of the engine's ingress (a collaborator interface): records connection events in order and either
 * keeps a copy of every frame or hands frames to a consumer.
 */
final class RecordingIngress implements LaneIngress
{
    static final String CONNECTED = "CONNECTED";
    static final String DISCONNECTED = "DISCONNECTED";
    static final String CONNECT_FAILED = "CONNECT_FAILED";

    /** A connection event. */
    static final class Event
    {
        final String kind;
        final long connectionId;
        final ActrId peer;
        final int reason;
        final long atNs = System.nanoTime();

        Event(final String kind, final long connectionId, final ActrId peer, final int reason)
        {
            this.kind = kind;
            this.connectionId = connectionId;
            this.peer = peer;
            this.reason = reason;
        }

        @Override
        public String toString()
        {
            return kind + "{" + connectionId + ", peer=" + (peer == null ? null : peer.getSerialNumber()) +
                ", reason=" + dev.actr.lanes.DisconnectReason.name(reason) + '}';
        }
    }

    /** A received frame, copied. */
    static final class Frame
    {
        final long connectionId;
        final int payloadType;
        final byte[] bytes;

        Frame(final long connectionId, final int payloadType, final byte[] bytes)
        {
            this.connectionId = connectionId;
            this.payloadType = payloadType;
            this.bytes = bytes;
        }
    }

    /** Takes frames instead of the recorder. */
    interface FrameConsumer
    {
        int onFrame(long connectionId, int payloadType, DirectBuffer buffer, int offset, int length);
    }

    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final List<Frame> frames = new CopyOnWriteArrayList<>();
    private volatile FrameConsumer consumer;
    private final AtomicLong framesAfterDisconnect = new AtomicLong();
    private final java.util.Set<Long> disconnected = java.util.concurrent.ConcurrentHashMap.newKeySet();

    void consumer(final FrameConsumer consumer)
    {
        this.consumer = consumer;
    }

    @Override
    public long nextConnectionId()
    {
        return NEXT_ID.getAndIncrement();
    }

    @Override
    public int onFrame(
        final long connectionId, final int payloadType, final DirectBuffer buffer, final int offset, final int length)
    {
        if (disconnected.contains(connectionId))
        {
            framesAfterDisconnect.incrementAndGet();
        }
        final FrameConsumer current = consumer;
        if (current != null)
        {
            return current.onFrame(connectionId, payloadType, buffer, offset, length);
        }
        final byte[] copy = new byte[length];
        buffer.getBytes(offset, copy);
        frames.add(new Frame(connectionId, payloadType, copy));
        return Lane.OK;
    }

    @Override
    public void onConnected(final long connectionId, final ActrId peer, final Lane lane)
    {
        events.add(new Event(CONNECTED, connectionId, peer, 0));
    }

    @Override
    public void onDisconnected(final long connectionId, final int reason)
    {
        disconnected.add(connectionId);
        events.add(new Event(DISCONNECTED, connectionId, null, reason));
    }

    @Override
    public void onConnectFailed(final ActrId peer, final int reason)
    {
        events.add(new Event(CONNECT_FAILED, -1, peer, reason));
    }

    /**
     * @return the next event, which must be of the given kind, within the timeout.
     */
    Event expect(final String kind, final long timeoutMs) throws InterruptedException
    {
        final Event event = events.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (event == null)
        {
            fail("no " + kind + " event within " + timeoutMs + " ms");
        }
        if (!event.kind.equals(kind))
        {
            fail("expected " + kind + " but got " + event);
        }
        return event;
    }

    long framesAfterDisconnect()
    {
        return framesAfterDisconnect.get();
    }
}
