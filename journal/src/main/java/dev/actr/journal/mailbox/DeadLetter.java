package dev.actr.journal.mailbox;

/**
 * A message that failed delivery too many times and was moved to the dead-letter queue.
 */
public final class DeadLetter
{
    private final long id;
    private final MessagePriority priority;
    private final long originalIndex;
    private final int attempts;
    private final byte[] message;

    DeadLetter(
        final long id, final MessagePriority priority, final long originalIndex, final int attempts, final byte[] message)
    {
        this.id = id;
        this.priority = priority;
        this.originalIndex = originalIndex;
        this.attempts = attempts;
        this.message = message;
    }

    /**
     * @return the id to {@link ChronicleMailbox#redrive(long)} it by.
     */
    public long id()
    {
        return id;
    }

    /**
     * @return the lane it was queued on.
     */
    public MessagePriority priority()
    {
        return priority;
    }

    /**
     * @return its index in its lane's queue before it died.
     */
    public long originalIndex()
    {
        return originalIndex;
    }

    /**
     * @return deliveries it had.
     */
    public int attempts()
    {
        return attempts;
    }

    /**
     * @return a copy of the message bytes.
     */
    public byte[] message()
    {
        return message.clone();
    }

    @Override
    public String toString()
    {
        return "DeadLetter{id=" + id + ", priority=" + priority + ", originalIndex=" + Long.toHexString(originalIndex) +
            ", attempts=" + attempts + ", bytes=" + message.length + '}';
    }
}
