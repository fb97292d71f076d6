package dev.actr.journal.mailbox;

/**
 * Mailbox priority lanes, drained highest first. {@code RPC_SIGNAL} requests go to {@link #HIGH}, everything
 * else to {@link #NORMAL}.
 */
public enum MessagePriority
{
    /** Drained first (RPC_SIGNAL). */
    HIGH,
    /** Drained after HIGH, within the scheduler's fairness bound (RPC_RELIABLE). */
    NORMAL;

    private static final MessagePriority[] VALUES = values();

    /**
     * @param ordinal of a priority.
     * @return the priority.
     */
    public static MessagePriority get(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
