package dev.actr.lanes.webrtc;

import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;

/**
 * What the lane registers with a DataChannel: forwards to the channel's {@link DataChannelAdapter} until
 * {@link #detach()}ed when the connection closes.
 *
 * <p>Why: webrtc-java 0.14 never frees the native observer that {@code registerObserver} makes, nor the JNI global
 * reference it holds to the Java observer ({@code unregisterObserver} only unhooks it). Registered directly, the
 * adapter — and through it the connection, the lane and the node's whole ingress and engine — would stay reachable
 * for the life of the JVM, for every connection ever made. Detached, only this small object stays behind
 * (16 bytes, plus the native observer and its data-buffer factory; see {@link WebRtcLane} for what a connection
 * leaves behind in all).
 *
 * <p>Thread safe: the callback thread forwards, the control thread detaches.
 */
final class DetachableChannelObserver implements RTCDataChannelObserver
{
    private volatile DataChannelAdapter adapter;

    DetachableChannelObserver(final DataChannelAdapter adapter)
    {
        this.adapter = adapter;
    }

    /** Forward nothing from now on, and let go of the adapter. */
    void detach()
    {
        adapter = null;
    }

    @Override
    public void onBufferedAmountChange(final long previousAmount)
    {
        final DataChannelAdapter target = adapter;
        if (target != null)
        {
            target.onBufferedAmountChange(previousAmount);
        }
    }

    @Override
    public void onStateChange()
    {
        final DataChannelAdapter target = adapter;
        if (target != null)
        {
            target.onStateChange();
        }
    }

    @Override
    public void onMessage(final RTCDataChannelBuffer buffer)
    {
        final DataChannelAdapter target = adapter;
        if (target != null)
        {
            target.onMessage(buffer);
        }
    }
}
