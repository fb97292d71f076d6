package dev.actr.lanes.webrtc;

/**
 * The counters a {@link WebRtcLane} keeps (read with {@link WebRtcLane#counter}), with ids and labels.
 */
public enum WebRtcCounter
{
    /** Frames handed to a DataChannel whole (all fragments). */
    FRAMES_SENT(0, "frames sent"),
    /** Frames published to the ingress. */
    FRAMES_RECEIVED(1, "frames received"),
    /** Sends refused with {@code BACK_PRESSURED} (channel above its high watermark). */
    SENDS_BACK_PRESSURED(2, "sends back-pressured"),
    /** Times the native {@code bufferedAmount} was read to refresh the sender's estimate. */
    BUFFERED_AMOUNT_READS(3, "bufferedAmount reads"),
    /** Fragments dropped because reassembly was full (count or byte bound). */
    FRAGMENTS_DROPPED_REASSEMBLY_FULL(4, "fragments dropped: reassembly full"),
    /** Messages dropped for growing past the maximum message length. */
    MESSAGES_TOO_LARGE(5, "messages dropped: too large"),
    /** Partial messages evicted when their TTL passed (fragments lost or never sent). */
    PARTIALS_EVICTED_EXPIRED(6, "partial messages evicted: TTL"),
    /** Partial messages evicted to make room for newer ones. */
    PARTIALS_EVICTED_FOR_SPACE(7, "partial messages evicted: space"),
    /** Frames the ingress pushed back (held in the connection's backlog). */
    INGRESS_BACK_PRESSURED(8, "ingress back-pressured"),
    /** Latency-first frames dropped because the ingress backlog was full, or frames the ingress refused. */
    INGRESS_DROPPED(9, "frames dropped at ingress"),
    /** Connections closed for a protocol error (malformed fragment, frame before ready). */
    PROTOCOL_ERRORS(10, "protocol errors"),
    /** ICE restarts started by this side as the offerer (offers with fresh ICE credentials). */
    ICE_RESTARTS(11, "ICE restarts"),
    /** Times a ready connection's peer was silent past the keep-alive timeout (then recovered or closed). */
    KEEPALIVE_TIMEOUTS(12, "keep-alive timeouts"),
    /** Connections reported ready. */
    CONNECTIONS_READY(13, "connections ready"),
    /** Connections closed, whether or not they became ready. */
    CONNECTIONS_CLOSED(14, "connections closed"),
    /** Relays received that the lane could not use (unknown payload, stale exchange, bad SDP). */
    RELAYS_IGNORED(15, "relays ignored"),
    /**
     * DataChannel messages (fragments, or whole frames of one fragment) taken on the payload channels of ready
     * connections, counted once the reassembler handled them.
     */
    FRAGMENTS_RECEIVED(16, "fragments received"),
    /** ICE restarts this side asked the offerer for, as the answerer. */
    ICE_RESTART_REQUESTS(17, "ICE restart requests"),
    /** Connections ready again after a recovery (ICE connected, the peer heard from). */
    RECOVERIES(18, "recoveries");

    private final int id;
    private final String label;

    WebRtcCounter(final int id, final String label)
    {
        this.id = id;
        this.label = label;
    }

    /**
     * @return the counter's id (its index).
     */
    public int id()
    {
        return id;
    }

    /**
     * @return a label for reports.
     */
    public String label()
    {
        return label;
    }
}
