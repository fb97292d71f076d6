package dev.actr.lanes.websocket;

/**
 * What a {@link WebSocketLane} counts ({@link WebSocketLane#counter(LaneCounter)}); handshake refusals by reason
 * are in {@link WebSocketLane#authCounters()}.
 */
public enum LaneCounter
{
    /** Lane frames sent. */
    FRAMES_SENT,
    /** Payload bytes sent. */
    BYTES_SENT,
    /** Lane frames delivered to the ingress. */
    FRAMES_RECEIVED,
    /** Payload bytes delivered to the ingress. */
    BYTES_RECEIVED,
    /** Sends refused with BACK_PRESSURED (the connection's outbound buffer was above its high-water mark). */
    SEND_BACK_PRESSURED,
    /** Times the ingress pushed back: the connection stopped reading and held the frame to retry. */
    INGRESS_BACK_PRESSURED,
    /** Frames the ingress refused as CLOSED (the node is closing): dropped with their connection. */
    FRAMES_REFUSED_CLOSED,
    /** Malformed frames (bad header, unknown payload type, length not the message's, text frames, bytes before
     *  the handshake ended): each closes its connection. */
    FRAMES_MALFORMED,
    /** Oversize frames (over maxFrameLength, refused from the WebSocket header before the payload is read): each
     *  closes its connection. */
    FRAMES_OVERSIZE,
    /** Connections peers opened to this node. */
    CONNECTIONS_ACCEPTED,
    /** Connections this node dialled. */
    CONNECTIONS_DIALLED,
    /** Connections that finished the handshake (reported connected). */
    CONNECTIONS_READY,
    /** Dials that failed before ready (unreachable, refused, handshake failed). */
    CONNECT_FAILURES,
    /** Connections closed because the peer stopped answering keep-alive pings. */
    KEEPALIVE_TIMEOUTS
}
