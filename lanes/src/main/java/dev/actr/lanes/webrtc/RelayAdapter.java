package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrRelay;
import dev.actr.codec.proto.SessionDescription;
import dev.actr.lanes.DisconnectReason;

/**
 * Reads the {@link ActrRelay}s that the {@link RelayChannel} delivers and drives the peer's connection: offers
 * (a fresh offer replaces an older connection; glare is settled by {@link WebRtcConductor#isOfferer}), answers, ICE
 * restart offers, trickled ICE candidates, requests to offer ({@code RoleNegotiation}, {@code RoleAssignment}) and
 * ICE restart requests. Relays addressed to another node, from this node, or of no known kind are counted as
 * ignored.
 *
 * <p>Control thread.
 */
final class RelayAdapter
{
    private final WebRtcConductor conductor;

    RelayAdapter(final WebRtcConductor conductor)
    {
        this.conductor = conductor;
    }

    /**
     * A relay from the signaling channel, addressed to this node.
     *
     * @param relay the relay.
     */
    void onRelay(final ActrRelay relay)
    {
        final ActrId peer = relay.getSource();
        if (!relay.getTarget().equals(conductor.context.localId()) || peer.equals(conductor.context.localId()))
        {
            conductor.counters.increment(WebRtcCounter.RELAYS_IGNORED);
            return;
        }
        final WebRtcConnection connection = conductor.connectionTo(peer);
        switch (relay.getPayloadCase())
        {
            case SESSION_DESCRIPTION:
                onSessionDescription(peer, connection, relay.getSessionDescription());
                break;
            case ICE_CANDIDATE:
                if (connection != null)
                {
                    connection.negotiation.onRemoteCandidate(relay.getIceCandidate());
                }
                break;
            case ROLE_NEGOTIATION:
                onOfferWanted(peer, connection);
                break;
            case ROLE_ASSIGNMENT:
                if (relay.getRoleAssignment().getIsOfferer())
                {
                    onOfferWanted(peer, connection);
                }
                break;
            case ICE_RESTART_REQUEST:
                if (connection != null)
                {
                    connection.recovery.onRestartRequest();
                }
                break;
            default:
                conductor.counters.increment(WebRtcCounter.RELAYS_IGNORED);
        }
    }

    private void onOfferWanted(final ActrId peer, final WebRtcConnection existing)
    {
        WebRtcConnection connection = existing;
        if (connection != null && connection.state() >= WebRtcConnection.READY)
        {
            connection.close(DisconnectReason.REPLACED); // the peer lost it (restarted): make a new one
            connection = null;
        }
        if (connection == null)
        {
            conductor.open(peer, true, false).negotiation.startOffer();
        }
        else if (connection.state() == WebRtcConnection.AWAITING_OFFER)
        {
            connection.negotiation.startOffer();
        }
    }

    private void onSessionDescription(
        final ActrId peer, final WebRtcConnection existing, final SessionDescription description)
    {
        final SessionDescription.Type type = description.getType();
        if (type == SessionDescription.Type.ANSWER)
        {
            if (existing != null)
            {
                existing.negotiation.onRemoteAnswer(description);
            }
            return;
        }
        if (type != SessionDescription.Type.OFFER)
        {
            if (existing != null && !existing.negotiation.offerer() && existing.negotiation.hasPeerConnection())
            {
                existing.negotiation.onRemoteOffer(description); // ICE restart or renegotiation
            }
            else
            {
                conductor.counters.increment(WebRtcCounter.RELAYS_IGNORED);
            }
            return;
        }
        WebRtcConnection connection = existing;
        boolean requested = false;
        if (connection != null && connection.negotiation.offerer())
        {
            if (conductor.isOfferer(peer))
            {
                conductor.counters.increment(WebRtcCounter.RELAYS_IGNORED); // glare: our offer wins
                return;
            }
            requested = connection.requested;
            connection.requested = false;
            connection.close(DisconnectReason.REPLACED);
            connection = null;
        }
        else if (connection != null && connection.state() != WebRtcConnection.AWAITING_OFFER)
        {
            requested = connection.requested;
            connection.requested = false;
            connection.close(DisconnectReason.REPLACED); // a fresh offer: the peer started over
            connection = null;
        }
        if (connection == null)
        {
            connection = conductor.open(peer, false, requested);
        }
        connection.negotiation.onRemoteOffer(description);
    }
}
