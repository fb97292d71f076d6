package dev.actr.codec.fragment;

import org.agrona.DirectBuffer;

/**
 * Receives each whole message a {@link Reassembler} completes. The buffer is only valid during the call.
 */
@FunctionalInterface
public interface MessageHandler
{
    /**
     * @param msgId  the message id (u32 bits).
     * @param buffer holding the message.
     * @param offset of the message.
     * @param length of the message.
     */
    void onMessage(int msgId, DirectBuffer buffer, int offset, int length);
}
