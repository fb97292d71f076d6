package dev.actr.lanes.webrtc;

import dev.actr.codec.CodecStatus;
import dev.actr.codec.fragment.MessageHandler;
import dev.actr.codec.fragment.Reassembler;
import dev.actr.codec.fragment.ReassemblyContext;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCDataChannelState;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * Receives one DataChannel's messages on webrtc-java's callback thread. A payload channel's messages are fragments:
 * they are reassembled (bounded by the lane's reassembly settings) and each whole frame is handed to the
 * connection, which publishes it; the received buffer points at native memory, valid during the callback only, and
 * is read in place (the reassembler and the ingress copy). Control-channel messages are copied and handed to the
 * control thread. State changes go to the control thread. Nothing here blocks.
 *
 * <p>NOT thread safe: webrtc-java calls one channel's observer from one thread.
 */
final class DataChannelAdapter implements RTCDataChannelObserver, MessageHandler
{
    private final WebRtcConnection connection;
    private final RTCDataChannel channel;
    private final int index;
    private final Reassembler reassembler;
    private final WebRtcLaneCounters counters;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private long seenExpired;
    private long seenForSpace;
    private long seenTooLarge;

    DataChannelAdapter(
        final WebRtcConnection connection,
        final RTCDataChannel channel,
        final int index,
        final ReassemblyContext reassembly,
        final WebRtcLaneCounters counters)
    {
        this.connection = connection;
        this.channel = channel;
        this.index = index;
        this.reassembler = index == ChannelIndex.CONTROL ? null : new Reassembler(reassembly);
        this.counters = counters;
    }

    @Override
    public void onBufferedAmountChange(final long previousAmount)
    {
        // Never called by webrtc-java 0.14; the proxy reads the amount when the engine retries a send.
    }

    @Override
    public void onStateChange()
    {
        final RTCDataChannelState state = channel.getState();
        connection.channels.onState(index, state);
    }

    @Override
    public void onMessage(final RTCDataChannelBuffer buffer)
    {
        final ByteBuffer data = buffer.data;
        final int length = data.remaining();
        connection.control.onAnyMessage();
        if (index == ChannelIndex.CONTROL)
        {
            final byte[] copy = new byte[length];
            data.duplicate().get(copy);
            connection.control.onMessage(copy);
            return;
        }
        if (!connection.inbound.admits(index))
        {
            return;
        }
        if (data.isDirect())
        {
            view.wrap(data, data.position(), length);
        }
        else
        {
            view.wrap(data.array(), data.arrayOffset() + data.position(), length);
        }
        final CodecStatus status = reassembler.onFragment(view, 0, length, this);
        countEvictions();
        counters.increment(WebRtcCounter.FRAGMENTS_RECEIVED);
        if (status == CodecStatus.OK)
        {
            return;
        }
        if (status == CodecStatus.REASSEMBLY_FULL)
        {
            counters.increment(WebRtcCounter.FRAGMENTS_DROPPED_REASSEMBLY_FULL);
        }
        else if (status != CodecStatus.MESSAGE_TOO_LARGE)
        {
            connection.onProtocolError("malformed fragment on " + ChannelIndex.label(index) + ": " + status.description());
        }
    }

    @Override
    public void onMessage(final int msgId, final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        connection.inbound.deliver(index, buffer, offset, length);
    }

    /**
     * Evict partial messages whose TTL passed. Callback thread only (the reassembler is not thread safe), so the
     * lane calls it on the next message; an idle channel keeps its partials (bounded) until then or until close.
     */
    private void countEvictions()
    {
        final long expired = reassembler.evictionsExpired();
        final long forSpace = reassembler.evictionsForSpace();
        final long tooLarge = reassembler.messagesTooLarge();
        counters.add(WebRtcCounter.PARTIALS_EVICTED_EXPIRED, expired - seenExpired);
        counters.add(WebRtcCounter.PARTIALS_EVICTED_FOR_SPACE, forSpace - seenForSpace);
        counters.add(WebRtcCounter.MESSAGES_TOO_LARGE, tooLarge - seenTooLarge);
        seenExpired = expired;
        seenForSpace = forSpace;
        seenTooLarge = tooLarge;
    }

    /**
     * @return the channel's reassembler (tests read its bounds), or null for the control channel.
     */
    Reassembler reassembler()
    {
        return reassembler;
    }
}
