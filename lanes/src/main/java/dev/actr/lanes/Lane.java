package dev.actr.lanes;

import dev.actr.codec.proto.ActrId;
import org.agrona.DirectBuffer;

/**
 * A network lane: carries frames between this node and peers on other nodes (in-process between nodes of one
 * JVM, WebSocket, WebRTC DataChannel). The contract every lane keeps:
 * <ul>
 *   <li>Inbound, the lane's own threads publish into the node's {@link LaneIngress}: each received frame, and
 *   each connection event (connected with the peer's verified identity, disconnected with a reason, a connect
 *   that failed). A lane never calls into engine state.</li>
 *   <li>Outbound, the engine thread calls {@link #send}: it copies or frames the bytes and returns a code —
 *   {@link #OK}, {@link #BACK_PRESSURED}, {@link #NOT_CONNECTED}, {@link #CLOSED} or {@link #OVERSIZE} — and never
 *   blocks nor throws for flow control.</li>
 *   <li>It starts and closes with the node: {@link #start} once at launch, {@link #close} when the node closes
 *   (every connection closes, every thread of the lane stops).</li>
 * </ul>
 * What travels is implied by the payload type: a {@code DataChunk} on the two stream types, an {@code RpcEnvelope}
 * on every other ({@link dev.actr.codec.FrameKind#ofPayloadType}).
 */
public interface Lane extends AutoCloseable
{
    /** Sent (or queued by the lane within its bounds). */
    int OK = 0;
    /** The connection's outbound buffer is above its high-water mark; nothing was taken. Try again later. */
    int BACK_PRESSURED = -1;
    /** The lane is closed; nothing will be taken again. */
    int CLOSED = -2;
    /** The frame is larger than the lane ever carries. */
    int OVERSIZE = -3;
    /** No such connection, or it is not ready (not yet authenticated, recovering, or gone). */
    int NOT_CONNECTED = -4;

    /**
     * @return a short name for logs and counters ({@code "in-process"}, {@code "websocket"}, {@code "webrtc"}).
     */
    String name();

    /**
     * Bind the lane to the node's ingress and start its threads. Called once, by the node, at launch.
     *
     * @param ingress where received frames and connection events go.
     */
    void start(LaneIngress ingress);

    /**
     * Ask for a connection to a peer; asynchronous. The outcome reaches the ingress as
     * {@link LaneIngress#onConnected} or {@link LaneIngress#onConnectFailed}. Asking again while a connection is
     * being made or is up does nothing. Any thread.
     *
     * @param peer the peer's id.
     */
    void connect(ActrId peer);

    /**
     * Send one encoded frame to the peer of a connection. Engine thread only.
     *
     * @param connectionId a connection this lane reported connected.
     * @param payloadType  {@code PayloadType} number: chooses the channel and tells a chunk from an envelope.
     * @param buffer       holding the encoded {@code RpcEnvelope} or {@code DataChunk}.
     * @param offset       of the bytes.
     * @param length       of the bytes.
     * @return {@link #OK}, {@link #BACK_PRESSURED}, {@link #NOT_CONNECTED}, {@link #CLOSED} or {@link #OVERSIZE}.
     */
    int send(long connectionId, int payloadType, DirectBuffer buffer, int offset, int length);

    /**
     * Close one connection; the ingress is told {@link LaneIngress#onDisconnected} with
     * {@link DisconnectReason#LOCAL_CLOSE}. Any thread.
     *
     * @param connectionId the connection.
     */
    void disconnect(long connectionId);

    /**
     * Close every connection and stop the lane's threads. Idempotent.
     */
    @Override
    void close();

    /**
     * @param result a result code of {@link #send}.
     * @return its name.
     */
    static String resultName(final int result)
    {
        switch (result)
        {
            case OK:
                return "OK";
            case BACK_PRESSURED:
                return "BACK_PRESSURED";
            case CLOSED:
                return "CLOSED";
            case OVERSIZE:
                return "OVERSIZE";
            case NOT_CONNECTED:
                return "NOT_CONNECTED";
            default:
                return "RESULT_" + result;
        }
    }
}
