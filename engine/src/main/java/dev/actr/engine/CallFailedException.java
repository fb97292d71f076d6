package dev.actr.engine;

import dev.actr.codec.ActrException;
import dev.actr.codec.ErrorCode;

/**
 * A host call answered with an error, timed out, or could not be sent.
 */
public final class CallFailedException extends ActrException
{
    private static final long serialVersionUID = 1L;

    private final int errorCode;

    /**
     * @param errorCode {@code ErrorResponse.code}.
     * @param message   {@code ErrorResponse.message}.
     */
    public CallFailedException(final int errorCode, final String message)
    {
        super(Category.ERROR, describe(errorCode) + ": " + message);
        this.errorCode = errorCode;
    }

    /**
     * @return {@code ErrorResponse.code} (see {@link ErrorCode} for runtime codes).
     */
    public int errorCode()
    {
        return errorCode;
    }

    private static String describe(final int errorCode)
    {
        final ErrorCode code = ErrorCode.forCode(errorCode);
        return code != null ? code.name() + " (" + errorCode + ")" : "error " + errorCode;
    }
}
