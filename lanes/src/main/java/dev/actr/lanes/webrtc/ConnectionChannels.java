package dev.actr.lanes.webrtc;

import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelState;
import org.agrona.DirectBuffer;

/**
 * The five DataChannels of one connection, by {@link ChannelIndex}: on each a {@link DataChannelProxy} sends and a
 * {@link DataChannelAdapter} receives. Tells the connection when all are open, and closes it when one closes.
 *
 * <p>Control thread, except {@link #proxy} (any thread, once the connection is ready: the proxies are installed
 * before the state that publishes them) and {@link #onState} (the callback thread, which hands over).
 */
final class ConnectionChannels
{
    private final WebRtcConnection connection;
    private final DataChannelProxy[] proxies = new DataChannelProxy[ChannelIndex.COUNT];
    private final DataChannelAdapter[] adapters = new DataChannelAdapter[ChannelIndex.COUNT];
    private final DetachableChannelObserver[] observers = new DetachableChannelObserver[ChannelIndex.COUNT];
    private int openMask;

    ConnectionChannels(final WebRtcConnection connection)
    {
        this.connection = connection;
    }

    /**
     * @param index a {@link ChannelIndex}.
     * @return the channel's proxy, or null before it exists.
     */
    DataChannelProxy proxy(final int index)
    {
        return proxies[index];
    }

    /**
     * @param index a {@link ChannelIndex}.
     * @return the channel's adapter, or null before it exists.
     */
    DataChannelAdapter adapter(final int index)
    {
        return adapters[index];
    }

    /**
     * A DataChannel of this connection exists (made here, or announced by the peer).
     *
     * @param index   its {@link ChannelIndex}.
     * @param channel the channel.
     * @param openNow whether it is known to be open already.
     */
    void install(final int index, final RTCDataChannel channel, final boolean openNow)
    {
        final WebRtcConductor conductor = connection.conductor;
        if (connection.isClosed() || proxies[index] != null)
        {
            conductor.dispose(channel);
            return;
        }
        final WebRtcLaneContext context = conductor.context;
        final DataChannelProxy proxy = new DataChannelProxy(channel, context.maxMessageLength(),
            context.highWatermarkBytes(), context.lowWatermarkBytes(), connection.counters);
        final DataChannelAdapter adapter =
            new DataChannelAdapter(connection, channel, index, conductor.reassembly, connection.counters);
        proxies[index] = proxy;
        adapters[index] = adapter;
        observers[index] = new DetachableChannelObserver(adapter);
        channel.registerObserver(observers[index]);
        if (openNow || channel.getState() == RTCDataChannelState.OPEN)
        {
            onOpen(index);
        }
    }

    /**
     * A channel's state changed. Callback thread.
     */
    void onState(final int index, final RTCDataChannelState channelState)
    {
        connection.conductor.execute(() ->
        {
            if (connection.isClosed())
            {
                return;
            }
            if (channelState == RTCDataChannelState.OPEN)
            {
                onOpen(index);
            }
            else if (channelState == RTCDataChannelState.CLOSING || channelState == RTCDataChannelState.CLOSED)
            {
                connection.close(DisconnectReason.PEER_CLOSE);
            }
        });
    }

    private void onOpen(final int index)
    {
        proxies[index].markOpen(true);
        openMask |= 1 << index;
        if (openMask == ChannelIndex.ALL_OPEN)
        {
            connection.onChannelsOpen();
        }
    }

    /**
     * Send one message on the control channel as it is.
     *
     * @return {@link Lane#OK} or {@link Lane#NOT_CONNECTED}.
     */
    int sendControl(final DirectBuffer buffer, final int offset, final int length)
    {
        final DataChannelProxy control = proxies[ChannelIndex.CONTROL];
        return control == null ? Lane.NOT_CONNECTED : control.sendRaw(buffer, offset, length);
    }

    /** Close and release every channel, and detach the lane from what webrtc-java keeps of it. */
    void closeAll()
    {
        for (int i = 0; i < ChannelIndex.COUNT; i++)
        {
            if (proxies[i] != null)
            {
                connection.conductor.closeQuietly(proxies[i]);
                observers[i].detach();
            }
        }
    }
}
