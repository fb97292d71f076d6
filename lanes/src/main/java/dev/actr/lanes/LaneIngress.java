package dev.actr.lanes;

import dev.actr.codec.proto.ActrId;
import org.agrona.DirectBuffer;

/**
 * Where a network lane delivers what it receives: the node's ingress ring, implemented by the engine. Any thread
 * (a lane's I/O threads, native callbacks) may call it; the bytes are copied before a call returns.
 *
 * <p>Frames are flow controlled by return code. Connection events are never lost: when the ring is full they
 * wait for room (the engine drains it continuously), and they keep their order with the frames of the same
 * connection — a connection's frames are routed after its {@link #onConnected} and before its
 * {@link #onDisconnected}.
 */
public interface LaneIngress
{
    /**
     * @return a connection id never used before on this node (by any lane).
     */
    long nextConnectionId();

    /**
     * A frame arrived on a connection.
     *
     * @param connectionId the connection it came on.
     * @param payloadType  {@code PayloadType} number of the channel it came on.
     * @param buffer       holding the encoded {@code RpcEnvelope} or {@code DataChunk}.
     * @param offset       of the bytes.
     * @param length       of the bytes.
     * @return {@link Lane#OK}, {@link Lane#BACK_PRESSURED} (nothing taken: the lane stops reading for a while),
     * {@link Lane#CLOSED} or {@link Lane#OVERSIZE}.
     */
    int onFrame(long connectionId, int payloadType, DirectBuffer buffer, int offset, int length);

    /**
     * A connection is ready: the peer proved its identity. Frames of the connection may follow.
     *
     * @param connectionId the new connection.
     * @param peer         the peer's verified id.
     * @param lane         the lane that carries it (replies and calls to the peer go back through it).
     */
    void onConnected(long connectionId, ActrId peer, Lane lane);

    /**
     * A ready connection closed. No frame of it follows.
     *
     * @param connectionId the connection.
     * @param reason       a {@link DisconnectReason} constant.
     */
    void onDisconnected(long connectionId, int reason);

    /**
     * A connection asked for with {@link Lane#connect} could not be made.
     *
     * @param peer   the peer asked for.
     * @param reason a {@link DisconnectReason} constant.
     */
    void onConnectFailed(ActrId peer, int reason);
}
