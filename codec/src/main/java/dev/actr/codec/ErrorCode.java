package dev.actr.codec;

/**
 * Runtime error codes carried in {@code ErrorResponse.code}. Values start at 10001 and follow the actr
 * protocol; application codes live below 10000.
 */
public enum ErrorCode
{
    /** The destination exists but cannot take work now. */
    UNAVAILABLE(10001),
    /** The deadline passed before a reply was produced. */
    TIMED_OUT(10002),
    /** The destination does not exist. */
    NOT_FOUND(10003),
    /** The caller may not do this. */
    PERMISSION_DENIED(10004),
    /** The request is not acceptable as sent. */
    INVALID_ARGUMENT(10005),
    /** No handler is registered for the route key. */
    UNKNOWN_ROUTE(10006),
    /** A dependency of the handler could not be found. */
    DEPENDENCY_NOT_FOUND(10007),
    /** The payload could not be decoded. */
    DECODE_FAILURE(10008),
    /** The route exists but is not implemented. */
    NOT_IMPLEMENTED(10009),
    /** The handler failed. */
    INTERNAL(10010),
    /** The lane to the destination is not connected yet. */
    CONNECTION_NOT_READY(10011);

    private static final int FIRST_CODE = 10001;
    private static final ErrorCode[] BY_OFFSET = values();

    private final int code;

    ErrorCode(final int code)
    {
        this.code = code;
    }

    /**
     * @return the wire value of this code.
     */
    public int code()
    {
        return code;
    }

    /**
     * @param code a wire value.
     * @return the runtime code with that value, or {@code null} for an application code.
     */
    public static ErrorCode forCode(final int code)
    {
        final int offset = code - FIRST_CODE;
        return offset >= 0 && offset < BY_OFFSET.length ? BY_OFFSET[offset] : null;
    }
}
