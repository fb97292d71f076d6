package dev.actr.codec;

/**
 * Thrown by cold-path parsers (never by hot-path decoders, which return a {@link CodecStatus}). Carries the
 * status that names the rule the input broke.
 */
public final class CodecException extends ActrException
{
    private static final long serialVersionUID = 1L;

    private final CodecStatus status;

    /**
     * @param status  the rule the input broke.
     * @param message what exactly was wrong, naming the offending part of the input.
     */
    public CodecException(final CodecStatus status, final String message)
    {
        super(Category.ERROR, status.name() + ": " + message);
        this.status = status;
    }

    /**
     * @return the rule the input broke.
     */
    public CodecStatus status()
    {
        return status;
    }
}
