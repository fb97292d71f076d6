package dev.actr.codec;

import dev.actr.codec.proto.PayloadType;

/**
 * What a frame is, as every stage names it: lanes when they publish into the engine's ingress, the ingress ring's
 * events, and the replay journal's ingress and outbound records. One numbering, defined here only.
 *
 * <p>Frames ({@link #ENVELOPE}, {@link #CHUNK}, {@link #HOST_CALL}) carry encoded bytes; connection events
 * ({@link #CONNECTED}, {@link #DISCONNECTED}, {@link #CONNECT_FAILED}) tell the engine what a network lane saw;
 * {@link #EFFECTS} appears only in the replay journal's outbound records.
 */
public final class FrameKind
{
    /** An encoded {@code RpcEnvelope}. */
    public static final int ENVELOPE = 1;
    /** An encoded {@code DataChunk}. */
    public static final int CHUNK = 2;
    /** An encoded {@code RpcEnvelope} of a call made by the host application, with its pending call attached. */
    public static final int HOST_CALL = 3;
    /**
     * Replay journal outbound records only: the durable effects a handler committed with an answer, each an i32
     * length (little-endian) and its bytes, as in the commit record.
     */
    public static final int EFFECTS = 4;
    /** A network lane authenticated a peer on a new connection. */
    public static final int CONNECTED = 5;
    /** A connection closed, for the reason given. */
    public static final int DISCONNECTED = 6;
    /** A connection asked for could not be made. */
    public static final int CONNECT_FAILED = 7;
    /** The outcome of a discovery an actor asked for: the ids found, or why none could be. */
    public static final int DISCOVERED = 8;

    private FrameKind()
    {
    }

    /**
     * @param kind a frame kind.
     * @return its name, or {@code KIND_<n>} for a number this version does not know.
     */
    public static String name(final int kind)
    {
        switch (kind)
        {
            case ENVELOPE:
                return "ENVELOPE";
            case CHUNK:
                return "CHUNK";
            case HOST_CALL:
                return "HOST_CALL";
            case EFFECTS:
                return "EFFECTS";
            case CONNECTED:
                return "CONNECTED";
            case DISCONNECTED:
                return "DISCONNECTED";
            case CONNECT_FAILED:
                return "CONNECT_FAILED";
            case DISCOVERED:
                return "DISCOVERED";
            default:
                return "KIND_" + kind;
        }
    }

    /**
     * @param kind a frame kind.
     * @return true when the bytes are an {@code RpcEnvelope}.
     */
    public static boolean isEnvelope(final int kind)
    {
        return kind == ENVELOPE || kind == HOST_CALL;
    }

    /**
     * What travels on a payload type: data chunks on the two stream types, envelopes on every other.
     *
     * @param payloadType a {@code PayloadType} number.
     * @return {@link #CHUNK} or {@link #ENVELOPE}.
     */
    public static int ofPayloadType(final int payloadType)
    {
        return payloadType == PayloadType.STREAM_RELIABLE_VALUE || payloadType == PayloadType.STREAM_LATENCY_FIRST_VALUE ?
            CHUNK : ENVELOPE;
    }
}
