package dev.actr.journal.mailbox;

import org.agrona.DirectBuffer;

/**
 * Receives messages polled from a {@link Mailbox}. The buffer is valid only during the call.
 */
@FunctionalInterface
public interface MailboxHandler
{
    /**
     * @param messageId to {@link Mailbox#ack(long)} once the message is done.
     * @param buffer    holding the message.
     * @param offset    of the message.
     * @param length    of the message.
     */
    void onMessage(long messageId, DirectBuffer buffer, int offset, int length);
}
