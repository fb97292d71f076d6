package dev.actr.engine.internal.replay;

import dev.actr.engine.internal.ingress.IngressEvent;
import org.agrona.DirectBuffer;

/**
 * What the engine tells the replay journal, on the engine thread. {@link #NONE} records nothing and costs a
 * no-op call when journaling is off.
 */
public interface JournalRecorder extends AutoCloseable
{
    /** Records nothing. */
    JournalRecorder NONE = new JournalRecorder()
    {
    };

    /**
     * A frame or connection event was taken from the ingress ring.
     *
     * @param timeNs engine time.
     * @param event  the event; its bytes are valid only during the call.
     */
    default void onIngress(final long timeNs, final IngressEvent event)
    {
    }

    /**
     * An actor is about to see an input; outbound records from now on belong to it until {@link #onDispatchEnd()}.
     *
     * @param timeNs        engine time.
     * @param inputType     a {@code DispatchInput} constant.
     * @param actorIndex    the actor.
     * @param callerIndex   who sent the input, or -1.
     * @param correlationId of the call (responses, timeouts), else the request's.
     * @param buffer        the input bytes, or null.
     * @param offset        of the bytes.
     * @param length        of the bytes (0 for none).
     */
    default void onDispatch(
        final long timeNs,
        final int inputType,
        final int actorIndex,
        final int callerIndex,
        final long correlationId,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
    }

    /**
     * The actor is done with the input.
     */
    default void onDispatchEnd()
    {
    }

    /**
     * An envelope or chunk was sent.
     *
     * @param timeNs      engine time.
     * @param kind        frame kind.
     * @param senderIndex sender.
     * @param targetIndex receiver.
     * @param payloadType PayloadType number.
     * @param buffer      the frame.
     * @param offset      of the frame.
     * @param length      of the frame.
     */
    default void onOutbound(
        final long timeNs,
        final int kind,
        final int senderIndex,
        final int targetIndex,
        final int payloadType,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
    }

    /**
     * Release the journal.
     */
    @Override
    default void close()
    {
    }
}
