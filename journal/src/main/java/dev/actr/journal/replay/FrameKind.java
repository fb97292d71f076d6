package dev.actr.journal.replay;

/**
 * What the bytes of an ingress or outbound record are ({@link JournalRecord#kind()}).
 */
public final class FrameKind
{
    /** An encoded {@code RpcEnvelope} from or to a lane. */
    public static final int ENVELOPE = 1;
    /** An encoded {@code DataChunk}. */
    public static final int CHUNK = 2;
    /** An encoded {@code RpcEnvelope} of a call made by the host application. */
    public static final int HOST_CALL = 3;
    /**
     * Outbound only: the durable effects a handler committed with an answer, each an i32 length (little-endian)
     * and its bytes, as in the commit record.
     */
    public static final int EFFECTS = 4;

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
}
