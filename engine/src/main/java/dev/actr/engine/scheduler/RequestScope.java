package dev.actr.engine.scheduler;

import dev.actr.engine.router.RouteEntry;
import dev.actr.journal.dedup.DedupRecordDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;

/**
 * What a reply needs to know of the request it answers: who asked, on which route and lane, the request id
 * bytes to echo, and the mailbox message to ack. The dispatcher fills one per dispatch; a deferral copies it,
 * because the mailbox bytes it was filled from are gone once the handler returns. Also stages the durable effects
 * the handler records, in the dedup journal's layout, until the request's answer commits them.
 */
final class RequestScope
{
    int callerIndex;
    int responderIndex;
    int payloadType;
    RouteEntry route;
    long messageId;
    long arrivalNs;
    long deadlineNs;
    long requestKey;
    boolean isRequest;
    final ExpandableArrayBuffer requestId = new ExpandableArrayBuffer(32);
    int requestIdLength;
    ExpandableArrayBuffer effects = new ExpandableArrayBuffer(EFFECTS_INITIAL_BYTES);
    int effectsLength;
    /** The answer's commit record could not be journalled: the message must not be acked. */
    boolean commitFailed;

    /** Most bytes of effects one request may record. */
    static final int MAX_EFFECT_BYTES = 1024 * 1024;
    private static final int EFFECTS_INITIAL_BYTES = 64;
    private static final int EFFECTS_RETAINED_BYTES = 64 * 1024;

    void stageEffect(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 0 || effectsLength + DedupRecordDescriptor.EFFECT_LENGTH_PREFIX + (long)length > MAX_EFFECT_BYTES)
        {
            throw new IllegalArgumentException("effects of one request are limited to " + MAX_EFFECT_BYTES +
                " bytes; " + effectsLength + " staged, " + length + " more asked");
        }
        effects.putInt(effectsLength, length, ByteOrder.LITTLE_ENDIAN);
        effects.putBytes(effectsLength + DedupRecordDescriptor.EFFECT_LENGTH_PREFIX, buffer, offset, length);
        effectsLength += DedupRecordDescriptor.EFFECT_LENGTH_PREFIX + length;
    }

    void discardEffects()
    {
        if (effects.capacity() > EFFECTS_RETAINED_BYTES)
        {
            effects = new ExpandableArrayBuffer(EFFECTS_INITIAL_BYTES);
        }
        effectsLength = 0;
    }

    RequestScope copy()
    {
        final RequestScope copy = new RequestScope();
        copy.callerIndex = callerIndex;
        copy.responderIndex = responderIndex;
        copy.payloadType = payloadType;
        copy.route = route;
        copy.messageId = messageId;
        copy.arrivalNs = arrivalNs;
        copy.deadlineNs = deadlineNs;
        copy.requestKey = requestKey;
        copy.isRequest = isRequest;
        copy.requestId.putBytes(0, requestId, 0, requestIdLength);
        copy.requestIdLength = requestIdLength;
        copy.effects.putBytes(0, effects, 0, effectsLength);
        copy.effectsLength = effectsLength;
        copy.commitFailed = commitFailed;
        return copy;
    }
}
