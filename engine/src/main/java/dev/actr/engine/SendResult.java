package dev.actr.engine;

import dev.actr.lanes.Lane;

/**
 * Why a host tell was or was not taken ({@link HostClient#tell}).
 */
public final class SendResult
{
    /** Taken by the node's ingress; it will be routed. */
    public static final int OK = Lane.OK;
    /** The ingress ring is full for now; nothing was taken. Tell again later, or use the awaiting variant. */
    public static final int BACK_PRESSURED = Lane.BACK_PRESSURED;
    /** The node is closed. */
    public static final int CLOSED = Lane.CLOSED;
    /** The message is larger than the node's maximum frame. */
    public static final int OVERSIZE = Lane.OVERSIZE;
    /** The destination is not an actor of this node (nor the host, nor a peer). */
    public static final int UNREACHABLE = -5;

    private SendResult()
    {
    }

    /**
     * @param result a result code.
     * @return its name.
     */
    public static String name(final int result)
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
            case UNREACHABLE:
                return "UNREACHABLE";
            default:
                return "RESULT_" + result;
        }
    }
}
