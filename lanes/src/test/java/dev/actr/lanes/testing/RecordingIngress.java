package dev.actr.lanes.testing;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import dev.actr.lanes.LaneIngress;
import org.agrona.DirectBuffer;

import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test {@link LaneIngress}: records frames (copied) and connection events in queues, can push back
 * ({@link #backPressure(boolean)}), and checks the contract (no frame of a connection before its onConnected or
 * after its onDisconnected), recording any breach in {@link #violations()}.
 */
public final class RecordingIngress implements LaneIngress
{
    private static final AtomicLong IDS = new AtomicLong(1000);

    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Set<Long> open = ConcurrentHashMap.newKeySet();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicLong pushedBack = new AtomicLong();
    private volatile boolean backPressure;

    @Override
    public long nextConnectionId()
    {
        return IDS.incrementAndGet();
    }

    @Override
    public int onFrame(
        final long connectionId, final int payloadType, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!open.contains(connectionId))
        {
            violations.add("frame on connection " + connectionId + " that is not connected");
        }
        if (backPressure)
        {
            pushedBack.incrementAndGet();
            return Lane.BACK_PRESSURED;
        }
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes);
        frames.add(new Frame(connectionId, payloadType, bytes));
        return Lane.OK;
    }

    @Override
    public void onConnected(final long connectionId, final ActrId peer, final Lane lane)
    {
        open.add(connectionId);
        events.add(new Event("CONNECTED", connectionId, peer, 0));
    }

    @Override
    public void onDisconnected(final long connectionId, final int reason)
    {
        if (!open.remove(connectionId))
        {
            violations.add("disconnect of connection " + connectionId + " that is not connected");
        }
        events.add(new Event("DISCONNECTED", connectionId, null, reason));
    }

    @Override
    public void onConnectFailed(final ActrId peer, final int reason)
    {
        events.add(new Event("CONNECT_FAILED", -1, peer, reason));
    }

    /**
     * @param on push back every frame while on.
     */
    public void backPressure(final boolean on)
    {
        backPressure = on;
    }

    /**
     * @return offers pushed back so far.
     */
    public long pushedBack()
    {
        return pushedBack.get();
    }

    /**
     * @param timeoutMs how long to wait.
     * @return the next frame.
     * @throws InterruptedException when interrupted.
     */
    public Frame frame(final long timeoutMs) throws InterruptedException
    {
        final Frame frame = frames.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (frame == null)
        {
            throw new AssertionError("no frame within " + timeoutMs + " ms");
        }
        return frame;
    }

    /**
     * @return frames received and not yet taken.
     */
    public int framesWaiting()
    {
        return frames.size();
    }

    /**
     * @param timeoutMs how long to wait.
     * @return the next connection event.
     * @throws InterruptedException when interrupted.
     */
    public Event event(final long timeoutMs) throws InterruptedException
    {
        final Event event = events.poll(timeoutMs, TimeUnit.MILLISECONDS);
        if (event == null)
        {
            throw new AssertionError("no connection event within " + timeoutMs + " ms");
        }
        return event;
    }

    /**
     * @return events not yet taken.
     */
    public int eventsWaiting()
    {
        return events.size();
    }

    /**
     * @return contract breaches seen.
     */
    public List<String> violations()
    {
        return violations;
    }

    /** A received frame. */
    public static final class Frame
    {
        /** Its connection. */
        public final long connectionId;
        /** Its payload type number. */
        public final int payloadType;
        /** A copy of its payload. */
        public final byte[] payload;

        Frame(final long connectionId, final int payloadType, final byte[] payload)
        {
            this.connectionId = connectionId;
            this.payloadType = payloadType;
            this.payload = payload;
        }
    }

    /** A connection event. */
    public static final class Event
    {
        /** CONNECTED, DISCONNECTED or CONNECT_FAILED. */
        public final String kind;
        /** Its connection, -1 for CONNECT_FAILED. */
        public final long connectionId;
        /** The peer (CONNECTED, CONNECT_FAILED). */
        public final ActrId peer;
        /** A DisconnectReason (DISCONNECTED, CONNECT_FAILED). */
        public final int reason;

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
            return kind + "(" + connectionId + ", " + (peer == null ? "" : ActrIds.format(peer)) + ", " +
                DisconnectReason.name(reason) + ")";
        }
    }
}
