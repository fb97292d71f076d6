package dev.actr.lanes.signaling;

import dev.actr.codec.ActrException;

/**
 * A signaling request failed: the server refused it (a {@link SignalingErrors} code), or it could not be made
 * ({@link #TIMED_OUT}, {@link #DISCONNECTED}, {@link #CLOSED}, {@link #TOO_MANY_REQUESTS}).
 */
public final class SignalingException extends ActrException
{
    /** No answer within the request timeout. */
    public static final int TIMED_OUT = -1;
    /** The connection to the server was lost before the answer came. */
    public static final int DISCONNECTED = -2;
    /** The client is closed. */
    public static final int CLOSED = -3;
    /** Too many requests are waiting already. */
    public static final int TOO_MANY_REQUESTS = -4;

    private static final long serialVersionUID = 1L;

    private final int code;

    /**
     * @param code    a {@link SignalingErrors} code or one of this class's.
     * @param message what happened.
     */
    public SignalingException(final int code, final String message)
    {
        super(Category.ERROR, (code > 0 ? SignalingErrors.name(code) : name(code)) + ": " + message);
        this.code = code;
    }

    /**
     * @return the code.
     */
    public int code()
    {
        return code;
    }

    private static String name(final int code)
    {
        switch (code)
        {
            case TIMED_OUT:
                return "TIMED_OUT";
            case DISCONNECTED:
                return "DISCONNECTED";
            case CLOSED:
                return "CLOSED";
            case TOO_MANY_REQUESTS:
                return "TOO_MANY_REQUESTS";
            default:
                return "CODE_" + code;
        }
    }
}
