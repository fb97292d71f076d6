package dev.actr.codec;

/**
 * The one runtime exception type of actr, with a {@link Category} that tells a handler how serious it is.
 * Duty cycles catch it, count it and keep going unless the category is {@link Category#FATAL}.
 */
public class ActrException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** How serious an {@link ActrException} is. */
    public enum Category
    {
        /** The component cannot continue. */
        FATAL,
        /** An operation failed; the component continues. */
        ERROR,
        /** Something unexpected that did not fail an operation. */
        WARN
    }

    private final Category category;

    /**
     * @param category how serious the failure is.
     * @param message  what went wrong, for a human.
     */
    public ActrException(final Category category, final String message)
    {
        super(message);
        this.category = category;
    }

    /**
     * @param category how serious the failure is.
     * @param message  what went wrong, for a human.
     * @param cause    the underlying failure.
     */
    public ActrException(final Category category, final String message, final Throwable cause)
    {
        super(message, cause);
        this.category = category;
    }

    /**
     * @return how serious this failure is.
     */
    public Category category()
    {
        return category;
    }
}
