package dev.actr.lanes.signaling;

/**
 * Codes of {@code EnvelopeError.code}: why the signaling server refused an envelope. HTTP-like numbers, listed
 * in docs/PROTOCOL.md. The error's {@code reply_for} is the refused envelope's id (absent when the envelope did not
 * decode far enough to have one).
 */
public final class SignalingErrors
{
    /** The envelope does not decode, lacks its flow, or a field is missing or malformed. */
    public static final int MALFORMED = 400;
    /** The credential is missing, forged, expired, of another realm, or not the source's. */
    public static final int UNAUTHENTICATED = 401;
    /** The sender is not registered on this connection as the envelope's source. */
    public static final int NOT_REGISTERED = 403;
    /** The target (or the signing key asked for) is unknown, or not registered any more. */
    public static final int NOT_FOUND = 404;
    /** A node's heartbeat stopped: it was unregistered (sent just before the server closes the connection). */
    public static final int EXPIRED = 408;
    /** This connection is registered already. */
    public static final int ALREADY_REGISTERED = 409;
    /** The frame is larger than the server accepts (sent just before the server closes the connection). */
    public static final int TOO_LARGE = 413;
    /** {@code envelope_version} is not one this server speaks (1). */
    public static final int UNSUPPORTED_VERSION = 426;
    /** The server failed. */
    public static final int INTERNAL = 500;
    /** The server, or the target's connection, cannot take more now (full, back-pressured, closing). */
    public static final int UNAVAILABLE = 503;

    private SignalingErrors()
    {
    }

    /**
     * @param code an error code.
     * @return its name, or {@code CODE_<n>}.
     */
    public static String name(final int code)
    {
        switch (code)
        {
            case MALFORMED:
                return "MALFORMED";
            case UNAUTHENTICATED:
                return "UNAUTHENTICATED";
            case NOT_REGISTERED:
                return "NOT_REGISTERED";
            case NOT_FOUND:
                return "NOT_FOUND";
            case EXPIRED:
                return "EXPIRED";
            case ALREADY_REGISTERED:
                return "ALREADY_REGISTERED";
            case TOO_LARGE:
                return "TOO_LARGE";
            case UNSUPPORTED_VERSION:
                return "UNSUPPORTED_VERSION";
            case INTERNAL:
                return "INTERNAL";
            case UNAVAILABLE:
                return "UNAVAILABLE";
            default:
                return "CODE_" + code;
        }
    }
}
