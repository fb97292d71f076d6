package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.ActrRelay;
import dev.actr.codec.proto.IceCandidate;
import dev.actr.codec.proto.IceRestartRequest;
import dev.actr.codec.proto.SessionDescription;
import dev.actr.lanes.DisconnectReason;
import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCAnswerOptions;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The SDP and ICE side of one {@link WebRtcConnection}: the peer connection, offer/answer through the relay,
 * trickled ICE candidates (queued until the remote description is set), the offerer's DataChannels, and the ICE
 * restarts that {@link IceRecovery} asks for (offerer-driven; the answerer asks with an {@code IceRestartRequest}).
 *
 * <p>Control thread, except the observer callbacks, which only hand work to the control thread.
 */
final class PeerNegotiation implements PeerConnectionObserver
{
    private final WebRtcConnection connection;
    private final WebRtcConductor conductor;
    private final List<RTCIceCandidate> pendingCandidates = new ArrayList<>();
    private boolean offerer;
    private RTCPeerConnection peerConnection;
    private boolean remoteDescriptionSet;
    private long localExchangeId;
    private long remoteExchangeId;

    PeerNegotiation(final WebRtcConnection connection, final boolean offerer)
    {
        this.connection = connection;
        this.conductor = connection.conductor;
        this.offerer = offerer;
    }

    boolean offerer()
    {
        return offerer;
    }

    boolean hasPeerConnection()
    {
        return peerConnection != null;
    }

    // ---- offer / answer ----

    void startOffer()
    {
        offerer = true;
        connection.markNegotiating();
        createPeerConnection();
        for (int index = 0; index < ChannelIndex.COUNT; index++)
        {
            final RTCDataChannelInit init = new RTCDataChannelInit();
            if (index == ChannelIndex.STREAM_LATENCY_FIRST)
            {
                init.ordered = false;
                init.maxRetransmits = conductor.context.latencyFirstMaxRetransmits();
            }
            connection.channels.install(
                index, peerConnection.createDataChannel(ChannelIndex.label(index), init), false);
        }
        createOffer(false);
    }

    private void createPeerConnection()
    {
        peerConnection = conductor.factory.createPeerConnection(conductor.rtcConfiguration(), this);
    }

    private void createOffer(final boolean iceRestart)
    {
        final RTCOfferOptions options = new RTCOfferOptions();
        options.iceRestart = iceRestart;
        final RTCPeerConnection pc = peerConnection;
        pc.createOffer(options, created(pc, description -> setLocal(pc, description, () ->
        {
            localExchangeId++;
            relay(ActrRelay.newBuilder().setSessionDescription(SessionDescription.newBuilder()
                .setType(iceRestart ? SessionDescription.Type.ICE_RESTART_OFFER : SessionDescription.Type.OFFER)
                .setSdp(description.sdp)
                .setSdpExchangeId(localExchangeId)));
        })));
    }

    void onRemoteOffer(final SessionDescription offer)
    {
        connection.markNegotiating();
        if (peerConnection == null)
        {
            createPeerConnection();
        }
        remoteExchangeId = offer.getSdpExchangeId();
        remoteDescriptionSet = false;
        final RTCPeerConnection pc = peerConnection;
        pc.setRemoteDescription(new RTCSessionDescription(RTCSdpType.OFFER, offer.getSdp()), set(pc, () ->
        {
            onRemoteDescriptionSet();
            pc.createAnswer(new RTCAnswerOptions(), created(pc, answer -> setLocal(pc, answer, () ->
                relay(ActrRelay.newBuilder().setSessionDescription(SessionDescription.newBuilder()
                    .setType(SessionDescription.Type.ANSWER)
                    .setSdp(answer.sdp)
                    .setSdpExchangeId(remoteExchangeId))))));
        }));
    }

    void onRemoteAnswer(final SessionDescription answer)
    {
        if (!offerer || peerConnection == null || answer.getSdpExchangeId() != localExchangeId)
        {
            conductor.counters.increment(WebRtcCounter.RELAYS_IGNORED);
            return;
        }
        final RTCPeerConnection pc = peerConnection;
        pc.setRemoteDescription(
            new RTCSessionDescription(RTCSdpType.ANSWER, answer.getSdp()), set(pc, this::onRemoteDescriptionSet));
    }

    private void onRemoteDescriptionSet()
    {
        remoteDescriptionSet = true;
        for (final RTCIceCandidate candidate : pendingCandidates)
        {
            peerConnection.addIceCandidate(candidate);
        }
        pendingCandidates.clear();
    }

    void onRemoteCandidate(final IceCandidate candidate)
    {
        final RTCIceCandidate rtcCandidate = new RTCIceCandidate(
            candidate.getSdpMid(), candidate.getSdpMlineIndex(), candidate.getCandidate());
        if (remoteDescriptionSet && peerConnection != null)
        {
            peerConnection.addIceCandidate(rtcCandidate);
        }
        else
        {
            pendingCandidates.add(rtcCandidate);
        }
    }

    // ---- ICE restart (the budget is IceRecovery's) ----

    /**
     * The offerer makes an offer with fresh ICE credentials; the answerer asks the offerer for one.
     */
    void restartIce()
    {
        if (offerer)
        {
            conductor.counters.increment(WebRtcCounter.ICE_RESTARTS);
            remoteDescriptionSet = false; // the answer's candidates wait for the answer
            createOffer(true);
        }
        else
        {
            conductor.counters.increment(WebRtcCounter.ICE_RESTART_REQUESTS);
            relay(ActrRelay.newBuilder().setIceRestartRequest(IceRestartRequest.newBuilder().setReason("ice failed")));
        }
    }

    // ---- callbacks (webrtc-java's thread): hand over to the control thread ----

    @Override
    public void onIceCandidate(final RTCIceCandidate candidate)
    {
        conductor.execute(() ->
        {
            final IceCandidate.Builder relayed = IceCandidate.newBuilder().setCandidate(candidate.sdp);
            if (candidate.sdpMid != null)
            {
                relayed.setSdpMid(candidate.sdpMid);
            }
            relay(ActrRelay.newBuilder().setIceCandidate(relayed.setSdpMlineIndex(candidate.sdpMLineIndex)));
        });
    }

    @Override
    public void onConnectionChange(final RTCPeerConnectionState pcState)
    {
        conductor.execute(() ->
        {
            if (!connection.isClosed())
            {
                connection.recovery.onConnectionState(pcState);
            }
        });
    }

    @Override
    public void onDataChannel(final RTCDataChannel channel)
    {
        final int index = ChannelIndex.of(channel.getLabel());
        conductor.execute(() ->
        {
            if (index < 0)
            {
                conductor.counters.increment(WebRtcCounter.RELAYS_IGNORED);
                conductor.dispose(channel);
            }
            else
            {
                connection.channels.install(index, channel, false);
            }
        });
    }

    private void relay(final ActrRelay.Builder relay)
    {
        if (!connection.isClosed())
        {
            conductor.relay(connection.peer, relay);
        }
    }

    private CreateSessionDescriptionObserver created(
        final RTCPeerConnection pc, final Consumer<RTCSessionDescription> then)
    {
        return new CreateSessionDescriptionObserver()
        {
            @Override
            public void onSuccess(final RTCSessionDescription description)
            {
                onStep(pc, () -> then.accept(description));
            }

            @Override
            public void onFailure(final String error)
            {
                onStepFailed(pc, error);
            }
        };
    }

    private void setLocal(final RTCPeerConnection pc, final RTCSessionDescription description, final Runnable then)
    {
        pc.setLocalDescription(description, set(pc, then));
    }

    private SetSessionDescriptionObserver set(final RTCPeerConnection pc, final Runnable then)
    {
        return new SetSessionDescriptionObserver()
        {
            @Override
            public void onSuccess()
            {
                onStep(pc, then);
            }

            @Override
            public void onFailure(final String error)
            {
                onStepFailed(pc, error);
            }
        };
    }

    private void onStep(final RTCPeerConnection pc, final Runnable step)
    {
        conductor.execute(() ->
        {
            if (pc == peerConnection && !connection.isClosed())
            {
                step.run();
            }
        });
    }

    private void onStepFailed(final RTCPeerConnection pc, final String error)
    {
        conductor.execute(() ->
        {
            if (pc == peerConnection && !connection.isClosed())
            {
                conductor.log("negotiation with " + connection.peer.getSerialNumber() + " failed: " + error);
                connection.close(DisconnectReason.NETWORK_ERROR);
            }
        });
    }

    /** Close the peer connection (after the channels were released). */
    void close()
    {
        if (peerConnection != null)
        {
            final RTCPeerConnection pc = peerConnection;
            peerConnection = null;
            pc.close();
        }
        pendingCandidates.clear();
    }
}
