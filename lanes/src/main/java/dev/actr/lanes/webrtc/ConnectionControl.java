package dev.actr.lanes.webrtc;

import dev.actr.lanes.DisconnectReason;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The control channel of one connection ({@link ControlDescriptor}): routes the peer's control messages (handshake
 * messages and READY to the {@link ConnectionHandshake}, PING answered with PONG, PONG timed, CLOSE), sends this
 * side's, and keeps the keep-alive going: a PING every keep-alive interval while ready or recovering, and the time of
 * the last message received on any channel, from which the connection judges silence.
 *
 * <p>Control thread, except {@link #onAnyMessage} and {@link #onMessage} (callback thread).
 */
final class ConnectionControl
{
    private final WebRtcConnection connection;
    private final WebRtcConductor conductor;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private volatile long lastReceivedNs;
    private long nextPingNs;
    private long rttNs = -1;

    ConnectionControl(final WebRtcConnection connection)
    {
        this.connection = connection;
        this.conductor = connection.conductor;
        this.lastReceivedNs = conductor.nanoTime();
    }

    /** A message arrived on any channel. Callback thread. */
    void onAnyMessage()
    {
        lastReceivedNs = conductor.nanoTime();
    }

    /**
     * @return when the last message arrived, by the lane's clock.
     */
    long lastReceivedNs()
    {
        return lastReceivedNs;
    }

    /**
     * @param nowNs the lane's clock.
     * @return how long the peer has been silent.
     */
    long silentNs(final long nowNs)
    {
        return nowNs - lastReceivedNs;
    }

    /**
     * @return the last measured round-trip time, or -1 before the first PONG.
     */
    long rttNs()
    {
        return rttNs;
    }

    /** A control message arrived (a copy). Callback thread: hands it to the control thread. */
    void onMessage(final byte[] message)
    {
        conductor.execute(() -> handle(message));
    }

    private void handle(final byte[] message)
    {
        if (connection.isClosed() || message.length == 0)
        {
            return;
        }
        switch (message[ControlDescriptor.TYPE_OFFSET])
        {
            case ControlDescriptor.HANDSHAKE:
                connection.handshake.onMessage(message);
                break;
            case ControlDescriptor.READY:
                connection.handshake.onPeerReady();
                break;
            case ControlDescriptor.PING:
                if (message.length == ControlDescriptor.PING_LENGTH)
                {
                    send(ControlDescriptor.PONG, value(message));
                }
                break;
            case ControlDescriptor.PONG:
                if (message.length == ControlDescriptor.PING_LENGTH)
                {
                    rttNs = conductor.nanoTime() - value(message);
                }
                break;
            case ControlDescriptor.CLOSE:
                connection.close(DisconnectReason.PEER_CLOSE);
                break;
            default:
                connection.onProtocolError("unknown control message type " + message[ControlDescriptor.TYPE_OFFSET]);
        }
    }

    private long value(final byte[] message)
    {
        view.wrap(message);
        return view.getLong(ControlDescriptor.BODY_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    /**
     * Send a control message without a body (READY, CLOSE); best effort.
     */
    void send(final byte type)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[1]);
        message.putByte(ControlDescriptor.TYPE_OFFSET, type);
        connection.channels.sendControl(message, 0, 1);
    }

    private void send(final byte type, final long value)
    {
        final UnsafeBuffer message = new UnsafeBuffer(new byte[ControlDescriptor.PING_LENGTH]);
        message.putByte(ControlDescriptor.TYPE_OFFSET, type);
        message.putLong(ControlDescriptor.BODY_OFFSET, value, ByteOrder.BIG_ENDIAN);
        connection.channels.sendControl(message, 0, message.capacity());
    }

    /** The connection became ready: ping from now on. */
    void startPings(final long nowNs)
    {
        nextPingNs = nowNs;
        lastReceivedNs = nowNs;
    }

    /** Ping when due (ready or recovering). */
    void onTick(final long nowNs)
    {
        if (nowNs - nextPingNs >= 0)
        {
            send(ControlDescriptor.PING, nowNs);
            nextPingNs = nowNs + conductor.context.keepaliveIntervalNs();
        }
    }
}
