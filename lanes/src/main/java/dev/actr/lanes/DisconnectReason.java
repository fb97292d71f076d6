package dev.actr.lanes;

/**
 * Why a connection closed, or could not be made ({@link LaneIngress#onDisconnected},
 * {@link LaneIngress#onConnectFailed}).
 */
public final class DisconnectReason
{
    /** This node closed it (the node or lane is closing, or {@link Lane#disconnect} was called). */
    public static final int LOCAL_CLOSE = 1;
    /** The peer closed it. */
    public static final int PEER_CLOSE = 2;
    /** The transport failed (reset, I/O error, ICE failure past its restart budget). */
    public static final int NETWORK_ERROR = 3;
    /** The peer broke the protocol (malformed or oversize frame, unexpected message). */
    public static final int PROTOCOL_ERROR = 4;
    /** The peer's identity could not be verified. */
    public static final int AUTH_FAILED = 5;
    /** The peer stopped answering keep-alive pings. */
    public static final int KEEPALIVE_TIMEOUT = 6;
    /** No address is known for the peer (discovery found none). */
    public static final int UNREACHABLE = 7;
    /** A newer connection to the same peer replaced this one. */
    public static final int REPLACED = 8;

    private DisconnectReason()
    {
    }

    /**
     * @param reason a reason constant.
     * @return its name, or {@code REASON_<n>}.
     */
    public static String name(final int reason)
    {
        switch (reason)
        {
            case LOCAL_CLOSE:
                return "LOCAL_CLOSE";
            case PEER_CLOSE:
                return "PEER_CLOSE";
            case NETWORK_ERROR:
                return "NETWORK_ERROR";
            case PROTOCOL_ERROR:
                return "PROTOCOL_ERROR";
            case AUTH_FAILED:
                return "AUTH_FAILED";
            case KEEPALIVE_TIMEOUT:
                return "KEEPALIVE_TIMEOUT";
            case UNREACHABLE:
                return "UNREACHABLE";
            case REPLACED:
                return "REPLACED";
            default:
                return "REASON_" + reason;
        }
    }
}
