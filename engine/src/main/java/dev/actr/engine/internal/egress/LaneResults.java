package dev.actr.engine.internal.egress;

import dev.actr.codec.ErrorCode;
import dev.actr.lanes.Lane;

/**
 * What a caller is told when a send failed with a {@link Lane} result code.
 */
public final class LaneResults
{
    private LaneResults()
    {
    }

    /**
     * @param result a failed {@link Lane} result code.
     * @return the runtime error code a caller is answered with.
     */
    public static int errorCodeOf(final int result)
    {
        switch (result)
        {
            case Lane.NOT_CONNECTED:
                return ErrorCode.CONNECTION_NOT_READY.code();
            case Lane.OVERSIZE:
                return ErrorCode.INVALID_ARGUMENT.code();
            default:
                return ErrorCode.UNAVAILABLE.code();
        }
    }

    /**
     * @param result a failed {@link Lane} result code.
     * @return what to tell a caller.
     */
    public static String messageOf(final int result)
    {
        switch (result)
        {
            case Lane.NOT_CONNECTED:
                return "no connection to the peer";
            case Lane.OVERSIZE:
                return "message larger than the lane carries";
            case Lane.CLOSED:
                return "lane closed";
            default:
                return "back-pressured: the receiver's queue is full";
        }
    }

}
