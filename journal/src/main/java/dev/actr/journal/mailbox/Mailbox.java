package dev.actr.journal.mailbox;

import org.agrona.DirectBuffer;

/**
 * A reliable queue of messages with priority lanes: {@link #enqueue} stores a message, {@link #poll} hands
 * messages out (they become in flight, not deleted), {@link #ack} removes one. A durable implementation
 * delivers every unacked message again after a restart, in order, HIGH first.
 *
 * <p>Single writer: only the engine thread calls these methods, {@link #queued} and {@link #inFlight} included;
 * other threads learn the depth through a {@link DepthObserver}.
 */
public interface Mailbox extends AutoCloseable
{
    /** Returned by {@link #enqueue} when the mailbox is at capacity; nothing was stored. */
    long FULL = -1;

    /** {@link #enqueue} result: the message is larger than the mailbox can store; nothing was stored. */
    long TOO_LARGE = -2;

    /**
     * @param priority lane of the message.
     * @param buffer   holding the message.
     * @param offset   of the message.
     * @param length   of the message.
     * @return a message id (>= 0), {@link #FULL} or {@link #TOO_LARGE}.
     */
    long enqueue(MessagePriority priority, DirectBuffer buffer, int offset, int length);

    /**
     * Hand out up to {@code limit} queued messages of one priority, oldest first; each becomes in flight.
     *
     * @param priority lane to poll.
     * @param handler  to receive each message.
     * @param limit    most messages to hand out.
     * @return how many messages were handed out.
     */
    int poll(MessagePriority priority, MailboxHandler handler, int limit);

    /**
     * Mark a message done; acks may come in any order.
     *
     * @param messageId from {@link #enqueue} / {@link MailboxHandler#onMessage}.
     */
    void ack(long messageId);

    /**
     * @param priority lane.
     * @return messages queued and not yet handed out.
     */
    int queued(MessagePriority priority);

    /**
     * @param priority lane.
     * @return messages handed out and not yet acked.
     */
    int inFlight(MessagePriority priority);

    /**
     * @param observer told the lane's queued depth after every enqueue; {@code null} for none.
     */
    void depthObserver(DepthObserver observer);

    /**
     * Force what was written since the last call to disk, when the mailbox's fsync policy is per batch. Called by
     * the engine after each routed batch. Does nothing by default.
     */
    default void sync()
    {
    }

    /**
     * Release the mailbox's resources.
     */
    @Override
    void close();

    /**
     * Told the queued depth of a lane after every enqueue.
     */
    @FunctionalInterface
    interface DepthObserver
    {
        /**
         * @param priority lane that grew.
         * @param queued   messages now queued in it.
         */
        void onDepth(MessagePriority priority, int queued);
    }
}
