package dev.actr.lanes.webrtc;

import dev.actr.codec.fragment.FragmentDescriptor;
import dev.actr.codec.fragment.FragmentHandler;
import dev.actr.codec.fragment.Fragmenter;
import dev.actr.lanes.Lane;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * Sends on one DataChannel: cuts a message into fragments and hands each to webrtc-java, under flow control.
 *
 * <p>Flow control: libwebrtc queues whatever is sent ({@code send()} never blocks) and closes the channel near
 * 16 MiB queued, so the proxy keeps an upper-bound estimate of the channel's {@code bufferedAmount} (the last native
 * reading plus every byte sent since) and reads the native value only when the estimate says a message might not
 * fit. A message is taken only if all its fragments fit under the high watermark (or the channel is empty); once
 * refused, the channel stays {@link Lane#BACK_PRESSURED} until the native amount drains to the low watermark. So
 * {@code bufferedAmount <= max(high watermark, one message)} always. webrtc-java 0.14 never calls
 * {@code onBufferedAmountChange}, so draining is seen when the engine retries a send.
 *
 * <p>webrtc-java 0.14 sends a direct buffer's whole capacity: each fragment is copied into one direct buffer and
 * sent through a slice of its exact length (one small object per fragment, no data allocation).
 *
 * <p>Thread safe: sends are serialised with {@link #close()} (the engine thread sends payload channels, the control
 * thread the control channel and closes).
 */
final class DataChannelProxy implements FragmentHandler
{
    private final RTCDataChannel channel;
    private final Fragmenter fragmenter;
    private final int maxMessageLength;
    private final long highWatermarkBytes;
    private final long lowWatermarkBytes;
    private final WebRtcLaneCounters counters;
    private final ByteBuffer direct = ByteBuffer.allocateDirect(FragmentDescriptor.MAX_FRAGMENT_LENGTH);
    private final UnsafeBuffer directView = new UnsafeBuffer(direct);
    private volatile boolean open;
    private boolean closed;
    private boolean paused;
    private boolean sendFailed;
    private long bufferedEstimate;
    private long maxBufferedSeen;

    DataChannelProxy(
        final RTCDataChannel channel,
        final int maxMessageLength,
        final long highWatermarkBytes,
        final long lowWatermarkBytes,
        final WebRtcLaneCounters counters)
    {
        this.channel = channel;
        this.fragmenter = new Fragmenter(FragmentDescriptor.MAX_FRAGMENT_LENGTH, maxMessageLength);
        this.maxMessageLength = maxMessageLength;
        this.highWatermarkBytes = highWatermarkBytes;
        this.lowWatermarkBytes = lowWatermarkBytes;
        this.counters = counters;
    }

    /**
     * Fragment and send one message.
     *
     * @return {@link Lane#OK}, {@link Lane#BACK_PRESSURED}, {@link Lane#NOT_CONNECTED} or {@link Lane#OVERSIZE}.
     */
    synchronized int send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed || !open)
        {
            return Lane.NOT_CONNECTED;
        }
        if (length > maxMessageLength)
        {
            return Lane.OVERSIZE;
        }
        final long fragments = fragmenter.fragmentCount(length);
        final long wireBytes = length + fragments * FragmentDescriptor.HEADER_LENGTH;
        if (!hasRoom(wireBytes))
        {
            counters.increment(WebRtcCounter.SENDS_BACK_PRESSURED);
            return Lane.BACK_PRESSURED;
        }
        fragmenter.fragment(buffer, offset, length, this);
        bufferedEstimate += wireBytes;
        if (sendFailed)
        {
            sendFailed = false;
            return Lane.NOT_CONNECTED;
        }
        counters.increment(WebRtcCounter.FRAMES_SENT);
        return Lane.OK;
    }

    /**
     * Send one DataChannel message as it is: control messages, and raw fragments in tests.
     *
     * @return {@link Lane#OK} or {@link Lane#NOT_CONNECTED}.
     */
    synchronized int sendRaw(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed || !open)
        {
            return Lane.NOT_CONNECTED;
        }
        onFragment(buffer, offset, length);
        bufferedEstimate += length;
        if (sendFailed)
        {
            sendFailed = false;
            return Lane.NOT_CONNECTED;
        }
        return Lane.OK;
    }

    @Override
    public void onFragment(final DirectBuffer buffer, final int offset, final int length)
    {
        directView.putBytes(0, buffer, offset, length);
        final ByteBuffer exact = length == direct.capacity() ? direct : direct.slice(0, length);
        try
        {
            channel.send(new RTCDataChannelBuffer(exact, true));
        }
        catch (final Exception ex)
        {
            sendFailed = true; // the channel is closing: its state change closes the connection
        }
    }

    private boolean hasRoom(final long wireBytes)
    {
        if (paused)
        {
            refresh();
            if (bufferedEstimate > lowWatermarkBytes)
            {
                return false;
            }
            paused = false;
        }
        if (bufferedEstimate > 0 && bufferedEstimate + wireBytes > highWatermarkBytes)
        {
            refresh();
            if (bufferedEstimate > 0 && bufferedEstimate + wireBytes > highWatermarkBytes)
            {
                paused = true;
                return false;
            }
        }
        return true;
    }

    private void refresh()
    {
        counters.increment(WebRtcCounter.BUFFERED_AMOUNT_READS);
        bufferedEstimate = channel.getBufferedAmount();
        maxBufferedSeen = Math.max(maxBufferedSeen, bufferedEstimate);
    }

    /**
     * @return the channel's {@code bufferedAmount} now (a native call).
     */
    synchronized long bufferedAmount()
    {
        if (closed)
        {
            return 0;
        }
        final long amount = channel.getBufferedAmount();
        maxBufferedSeen = Math.max(maxBufferedSeen, amount);
        return amount;
    }

    /**
     * @return the largest native {@code bufferedAmount} this proxy read.
     */
    synchronized long maxBufferedSeen()
    {
        return maxBufferedSeen;
    }

    void markOpen(final boolean open)
    {
        this.open = open;
    }

    boolean isOpen()
    {
        return open;
    }

    RTCDataChannel channel()
    {
        return channel;
    }

    /**
     * Close and release the channel; later sends return {@link Lane#NOT_CONNECTED}. Control thread only.
     */
    synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        open = false;
        channel.unregisterObserver();
        channel.close();
        channel.dispose();
    }
}
