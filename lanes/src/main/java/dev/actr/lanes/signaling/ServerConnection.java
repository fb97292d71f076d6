package dev.actr.lanes.signaling;

import dev.actr.codec.proto.SignalingEnvelope;
import io.netty.channel.Channel;

/**
 * One node's WebSocket connection to the server. {@link #registration}, {@link #registering} and {@link #closed}
 * are touched by the registry thread only.
 */
final class ServerConnection
{
    final Channel channel;
    Registration registration;
    /** A registration is under way (waiting for an id from the backplane). */
    boolean registering;
    /** The registry thread heard that the connection closed. */
    boolean closed;

    ServerConnection(final Channel channel)
    {
        this.channel = channel;
    }

    /**
     * Send unless the connection's outbound buffer is over its high-water mark.
     *
     * @return true when queued.
     */
    boolean send(final SignalingEnvelope envelope)
    {
        if (!channel.isActive() || !channel.isWritable())
        {
            return false;
        }
        channel.writeAndFlush(SignalingEnvelopes.frame(channel.alloc(), envelope), channel.voidPromise());
        return true;
    }

    void close()
    {
        channel.close();
    }

    @Override
    public String toString()
    {
        return "connection " + channel.remoteAddress() + (registration == null ? "" : " of " + registration.idText);
    }
}
