package dev.actr.lanes.webrtc;

import dev.actr.lanes.DisconnectReason;
import org.agrona.DirectBuffer;

/**
 * The way in for one connection's whole frames: admits them once the peer is verified (a frame before is a
 * protocol error), and publishes them into the ingress, through an {@link IngressBacklog} while the ingress pushes
 * back. A full backlog drops a latency-first frame (counted) and closes the connection for any other.
 *
 * <p>Callback thread, except {@link #drain} (control thread).
 */
final class InboundFrames
{
    private final WebRtcConnection connection;
    private final IngressBacklog backlog;
    private volatile boolean protocolError;

    InboundFrames(final WebRtcConnection connection)
    {
        this.connection = connection;
        this.backlog = new IngressBacklog(connection.conductor.context.maxIngressBacklogBytes());
    }

    /**
     * @param index the channel a frame came on.
     * @return whether a payload frame may be taken now; a frame before this side verified the peer is a protocol
     * error.
     */
    boolean admits(final int index)
    {
        if (protocolError)
        {
            return false;
        }
        final int current = connection.state();
        if (current == WebRtcConnection.READY || current == WebRtcConnection.RECOVERING)
        {
            return true;
        }
        if (current == WebRtcConnection.VERIFIED || current == WebRtcConnection.REPORTING)
        {
            return connection.tryReady(); // waits while the control thread reports the connection
        }
        if (current != WebRtcConnection.CLOSED)
        {
            connection.onProtocolError("frame on " + ChannelIndex.label(index) + " before the peer was verified");
        }
        return false;
    }

    /** Publish a whole frame (or hold it behind those the ingress pushed back). */
    void deliver(final int index, final DirectBuffer buffer, final int offset, final int length)
    {
        final WebRtcConductor conductor = connection.conductor;
        final int result = backlog.offer(conductor.ingress, connection.connectionId, index, buffer, offset, length);
        if (result == IngressBacklog.PUBLISHED)
        {
            connection.counters.increment(WebRtcCounter.FRAMES_RECEIVED);
        }
        else if (result == IngressBacklog.QUEUED)
        {
            connection.counters.increment(WebRtcCounter.INGRESS_BACK_PRESSURED);
            conductor.scheduleDrain(connection);
        }
        else if (result == IngressBacklog.FULL && index != ChannelIndex.STREAM_LATENCY_FIRST)
        {
            conductor.execute(() ->
            {
                conductor.log("ingress backlog of connection " + connection.connectionId + " full: closed");
                connection.close(DisconnectReason.NETWORK_ERROR);
            });
        }
        else
        {
            connection.counters.increment(WebRtcCounter.INGRESS_DROPPED);
        }
    }

    /**
     * Publish held frames until the ingress pushes back. Control thread.
     *
     * @return true when nothing is held (or the connection closed).
     */
    boolean drain()
    {
        return connection.isClosed() || backlog.drain(connection.conductor.ingress, connection.connectionId);
    }

    /**
     * @return true the first time: the caller reports the error.
     */
    boolean markProtocolError()
    {
        if (protocolError)
        {
            return false;
        }
        protocolError = true;
        return true;
    }

    void clear()
    {
        backlog.clear();
    }
}
