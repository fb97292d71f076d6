package dev.actr.lanes.network;

import dev.actr.codec.proto.ActrRelay;
import dev.actr.lanes.signaling.SignalingClient;
import dev.actr.lanes.webrtc.RelayChannel;
import dev.actr.lanes.webrtc.RelayHandler;

/**
 * The WebRTC lane's relay through the signaling service: relays the lane sends go out on the signaling client's
 * connection (which adds this node's credential); relays addressed to this node come in through the network's
 * signaling listener.
 */
final class SignalingRelayChannel implements RelayChannel
{
    private volatile SignalingClient signaling;
    private volatile RelayHandler handler;

    void signaling(final SignalingClient signaling)
    {
        this.signaling = signaling;
    }

    @Override
    public void open(final RelayHandler handler)
    {
        this.handler = handler;
    }

    @Override
    public boolean send(final ActrRelay relay)
    {
        final SignalingClient client = signaling;
        return client != null && client.sendRelay(relay.toBuilder()) >= 0;
    }

    void onRelay(final ActrRelay relay)
    {
        final RelayHandler target = handler;
        if (target != null)
        {
            target.onRelay(relay);
        }
    }
}
