package dev.actr.engine.egress;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import dev.actr.codec.envelope.RpcEnvelopeEncoder;
import dev.actr.codec.proto.Direction;
import dev.actr.engine.EngineClock;
import dev.actr.engine.replay.JournalRecorder;
import dev.actr.lanes.FrameSink;
import dev.actr.lanes.inproc.InProcessLane;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Encodes outbound envelopes and chunks and sends them on the in-process lane. The last frame encoded stays in
 * {@link #lastFrame()} until the next one, so a reply can be committed before it is sent ({@code encodeResponse},
 * {@code encodeError}, then {@link #sendEncoded}) and kept for duplicate suppression.
 *
 * <p>NOT thread safe: the engine thread only.
 */
public final class EnvelopeProxy
{
    private final InProcessLane lane;
    private final EngineClock clock;
    private final JournalRecorder recorder;
    private final RpcEnvelopeEncoder encoder = new RpcEnvelopeEncoder();
    private final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(1024);
    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(1024);
    private final UnsafeBuffer text = new UnsafeBuffer(new byte[0]);
    private int lastFrameLength;
    private final HeldReplies held = new HeldReplies();
    private boolean holdReplies;

    /**
     * @param lane     the in-process lane into the node's ingress.
     * @param clock    the engine clock.
     * @param recorder told of every frame sent.
     */
    public EnvelopeProxy(final InProcessLane lane, final EngineClock clock, final JournalRecorder recorder)
    {
        this.lane = lane;
        this.clock = clock;
        this.recorder = recorder;
    }

    /**
     * Send a REQUEST or a TELL.
     *
     * @param callerIndex   sender.
     * @param targetIndex   receiving actor.
     * @param payloadType   lane.
     * @param routeKey      UTF-8 route key bytes.
     * @param correlationId request id.
     * @param timeoutMs     deadline budget (> 0 for a request, 0 for a tell).
     * @param message       the request or tell message.
     * @return a {@link FrameSink} result code.
     */
    public int request(
        final int callerIndex,
        final int targetIndex,
        final int payloadType,
        final DirectBuffer routeKey,
        final long correlationId,
        final long timeoutMs,
        final MessageLite message)
    {
        final int payloadLength = serialize(message);
        ensureCapacity(routeKey.capacity(), payloadLength, 20, 0);
        encoder.wrap(frame, 0)
            .routeKey(routeKey, 0, routeKey.capacity())
            .payload(payload, 0, payloadLength)
            .direction(timeoutMs > 0 ? Direction.REQUEST_VALUE : Direction.TELL_VALUE)
            .requestId(correlationId)
            .timeoutMs(timeoutMs);
        return send(FrameSink.KIND_ENVELOPE, callerIndex, targetIndex, payloadType);
    }

    /**
     * Encode a RESPONSE carrying a payload into {@link #lastFrame()} without sending it: the caller commits it
     * first, then {@link #sendEncoded}.
     *
     * @param routeKey        route key bytes of the request.
     * @param requestId       buffer holding the request id bytes.
     * @param requestIdOffset of the id.
     * @param requestIdLength of the id.
     * @param body            payload bytes.
     * @param bodyOffset      of the payload.
     * @param bodyLength      of the payload.
     * @return length of the frame.
     */
    public int encodeResponse(
        final DirectBuffer routeKey,
        final DirectBuffer requestId,
        final int requestIdOffset,
        final int requestIdLength,
        final DirectBuffer body,
        final int bodyOffset,
        final int bodyLength)
    {
        ensureCapacity(routeKey.capacity(), bodyLength, requestIdLength, 0);
        encoder.wrap(frame, 0)
            .routeKey(routeKey, 0, routeKey.capacity())
            .payload(body, bodyOffset, bodyLength)
            .direction(Direction.RESPONSE_VALUE)
            .requestId(requestId, requestIdOffset, requestIdLength)
            .timeoutMs(0);
        lastFrameLength = encoder.encodedLength();
        return lastFrameLength;
    }

    /**
     * Encode a RESPONSE carrying a message, without sending it (see {@link #encodeResponse(DirectBuffer,
     * DirectBuffer, int, int, DirectBuffer, int, int)}).
     *
     * @param routeKey        route key bytes of the request.
     * @param requestId       buffer holding the request id bytes.
     * @param requestIdOffset of the id.
     * @param requestIdLength of the id.
     * @param message         the response message.
     * @return length of the frame.
     */
    public int encodeResponse(
        final DirectBuffer routeKey,
        final DirectBuffer requestId,
        final int requestIdOffset,
        final int requestIdLength,
        final MessageLite message)
    {
        final int length = serialize(message);
        return encodeResponse(routeKey, requestId, requestIdOffset, requestIdLength, payload, 0, length);
    }

    /**
     * Send the envelope last encoded by {@code encodeResponse} or {@code encodeError} (or hold it: see
     * {@link #holdReplies}).
     *
     * @param senderIndex sender.
     * @param targetIndex receiver.
     * @param payloadType lane.
     * @return a {@link FrameSink} result code.
     */
    public int sendEncoded(final int senderIndex, final int targetIndex, final int payloadType)
    {
        if (holdReplies)
        {
            recorder.onOutbound(clock.nanoTime(), FrameSink.KIND_ENVELOPE, senderIndex, targetIndex, payloadType,
                frame, 0, lastFrameLength);
            held.hold(senderIndex, targetIndex, payloadType, frame, lastFrameLength);
            return FrameSink.OK;
        }
        return send(FrameSink.KIND_ENVELOPE, senderIndex, targetIndex, payloadType, lastFrameLength);
    }

    /**
     * Hold committed replies ({@link #sendEncoded} and {@link #resend}) until {@link #releaseHeld()}: a group
     * commit releases them once their commit records are forced to disk. They are journalled (replay journal)
     * when held, in the dispatch that produced them.
     *
     * @param holdReplies true to hold.
     */
    public void holdReplies(final boolean holdReplies)
    {
        this.holdReplies = holdReplies;
    }

    /**
     * @return bytes of replies held.
     */
    public int heldBytes()
    {
        return held.bytes();
    }

    /**
     * Send every held reply, in the order held.
     *
     * @return how many could not be sent (the ingress was full or closed).
     */
    public int releaseHeld()
    {
        return held.release(lane);
    }

    /**
     * Encode a RESPONSE carrying an {@code ErrorResponse} without sending it (then {@link #sendEncoded}).
     *
     * @param routeKey        buffer holding the request's route key bytes.
     * @param routeKeyOffset  of the route key.
     * @param routeKeyLength  of the route key.
     * @param requestId       buffer holding the request id bytes.
     * @param requestIdOffset of the id.
     * @param requestIdLength of the id.
     * @param errorCode       the error code.
     * @param message         the error message.
     * @return length of the frame.
     */
    public int encodeError(
        final DirectBuffer routeKey,
        final int routeKeyOffset,
        final int routeKeyLength,
        final DirectBuffer requestId,
        final int requestIdOffset,
        final int requestIdLength,
        final int errorCode,
        final String message)
    {
        final byte[] messageBytes = message.getBytes(StandardCharsets.UTF_8);
        text.wrap(messageBytes);
        ensureCapacity(routeKeyLength, 0, requestIdLength, messageBytes.length);
        encoder.wrap(frame, 0)
            .routeKey(routeKey, routeKeyOffset, routeKeyLength)
            .error(errorCode, text, 0, messageBytes.length)
            .direction(Direction.RESPONSE_VALUE)
            .requestId(requestId, requestIdOffset, requestIdLength)
            .timeoutMs(0);
        lastFrameLength = encoder.encodedLength();
        return lastFrameLength;
    }

    /**
     * Send a data chunk.
     *
     * @param senderIndex sending actor.
     * @param targetIndex receiving actor.
     * @param payloadType STREAM_RELIABLE or STREAM_LATENCY_FIRST.
     * @param chunk       the chunk message.
     * @return a {@link FrameSink} result code.
     */
    public int chunk(final int senderIndex, final int targetIndex, final int payloadType, final MessageLite chunk)
    {
        final int length = serialize(chunk);
        frame.putBytes(0, payload, 0, length);
        return send(FrameSink.KIND_CHUNK, senderIndex, targetIndex, payloadType, length);
    }

    /**
     * Send again a frame kept from an earlier send (a reply to a duplicate request).
     *
     * @param senderIndex sender.
     * @param targetIndex receiver.
     * @param payloadType lane.
     * @param buffer      holding the frame.
     * @param length      of the frame.
     * @return a {@link FrameSink} result code.
     */
    public int resend(
        final int senderIndex, final int targetIndex, final int payloadType, final DirectBuffer buffer, final int length)
    {
        recorder.onOutbound(clock.nanoTime(), FrameSink.KIND_ENVELOPE, senderIndex, targetIndex, payloadType, buffer, 0,
            length);
        if (holdReplies)
        {
            held.hold(senderIndex, targetIndex, payloadType, buffer, length);
            return FrameSink.OK;
        }
        return lane.send(FrameSink.KIND_ENVELOPE, senderIndex, targetIndex, payloadType, buffer, 0, length);
    }

    /**
     * @return the last frame sent (valid until the next send).
     */
    public DirectBuffer lastFrame()
    {
        return frame;
    }


    private int send(final int kind, final int senderIndex, final int targetIndex, final int payloadType)
    {
        return send(kind, senderIndex, targetIndex, payloadType, encoder.encodedLength());
    }

    private int send(
        final int kind, final int senderIndex, final int targetIndex, final int payloadType, final int length)
    {
        lastFrameLength = length;
        recorder.onOutbound(clock.nanoTime(), kind, senderIndex, targetIndex, payloadType, frame, 0, length);
        return lane.send(kind, senderIndex, targetIndex, payloadType, frame, 0, length);
    }

    private int serialize(final MessageLite message)
    {
        final int length = message.getSerializedSize();
        payload.checkLimit(length);
        final CodedOutputStream output = CodedOutputStream.newInstance(payload.byteArray(), 0, length);
        try
        {
            message.writeTo(output);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return length;
    }

    private void ensureCapacity(final int routeKey, final int body, final int requestId, final int errorMessage)
    {
        frame.checkLimit(RpcEnvelopeEncoder.maxLength(routeKey, body, requestId, errorMessage));
    }
}
