package dev.actr.journal.integrity;

/**
 * A store found damage it must not repair by itself (committed records would be lost): the launch is refused with
 * what was found and what to do. Also what the error handler is told of a damage that was repaired.
 */
public final class StoreDamageException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /** The damage. */
    private final transient StoreDamage damage;

    /**
     * @param damage what was found.
     * @param advice what to do about it (appended to the message); may be empty.
     */
    public StoreDamageException(final StoreDamage damage, final String advice)
    {
        super(damage.describe() + (advice.isEmpty() ? "" : ". " + advice));
        this.damage = damage;
    }

    /**
     * @return what was found.
     */
    public StoreDamage damage()
    {
        return damage;
    }
}
