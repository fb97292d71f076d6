package dev.actr.engine.internal.scheduler;

import dev.actr.engine.internal.router.RouteEntry;
import dev.actr.journal.dedup.DedupRecordDescriptor;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.ByteOrder;

/**
 * What a reply needs to know of the request it answers: who asked (its caller key, stable across runs, from which
 * the reply's target is resolved when it is sent), on which route and payload type, the request id bytes to echo,
 * the duplicate-suppression key, and the mailbox message to ack. The dispatcher fills one per dispatch; a deferral
 * copies it, because the mailbox bytes it was filled from are gone once the handler returns. Also stages the
 * durable effects the handler records, in the dedup journal's layout, until the request's answer commits them.
 */
final class RequestScope
{
    /** Dedup caller of a request from a peer: its key is mixed into the request key instead. */
    static final int PEER_DEDUP_CALLER = -2;
    /** Most bytes of effects one request may record. */
    static final int MAX_EFFECT_BYTES = 1024 * 1024;
    private static final int EFFECTS_INITIAL_BYTES = 64;
    private static final int EFFECTS_RETAINED_BYTES = 64 * 1024;

    long callerKey;
    int responderIndex;
    int payloadType;
    RouteEntry route;
    long messageId;
    long arrivalNs;
    long deadlineNs;
    long requestKey;
    int dedupCaller;
    long dedupKey;
    boolean isRequest;
    final ExpandableArrayBuffer requestId = new ExpandableArrayBuffer(32);
    int requestIdLength;
    ExpandableArrayBuffer effects = new ExpandableArrayBuffer(EFFECTS_INITIAL_BYTES);
    int effectsLength;
    /** The answer's commit record could not be journalled: the message must not be acked. */
    boolean commitFailed;
    /** Taken in the dedup window (a duplicate of it would be suppressed): its answer is remembered there. */
    boolean remembered;

    /**
     * Set who asked and the duplicate-suppression key: (caller index, request key) for a local caller; for a
     * peer, a fixed caller and the peer's key mixed into the request key, so that two peers' ids never collide
     * and the key stays the same across runs.
     */
    void caller(final long callerKey, final long requestKey)
    {
        this.callerKey = callerKey;
        this.requestKey = requestKey;
        if (callerKey >= 0)
        {
            dedupCaller = (int)callerKey;
            dedupKey = requestKey;
        }
        else
        {
            dedupCaller = PEER_DEDUP_CALLER;
            long h = (callerKey ^ requestKey * 0x9E3779B97F4A7C15L) * 0xC2B2AE3D27D4EB4FL;
            h ^= h >>> 29;
            dedupKey = h;
        }
    }

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
        copy.callerKey = callerKey;
        copy.responderIndex = responderIndex;
        copy.payloadType = payloadType;
        copy.route = route;
        copy.messageId = messageId;
        copy.arrivalNs = arrivalNs;
        copy.deadlineNs = deadlineNs;
        copy.requestKey = requestKey;
        copy.dedupCaller = dedupCaller;
        copy.dedupKey = dedupKey;
        copy.isRequest = isRequest;
        copy.requestId.putBytes(0, requestId, 0, requestIdLength);
        copy.requestIdLength = requestIdLength;
        copy.effects.putBytes(0, effects, 0, effectsLength);
        copy.effectsLength = effectsLength;
        copy.commitFailed = commitFailed;
        copy.remembered = remembered;
        return copy;
    }
}
