package dev.actr.lanes.webrtc;

import dev.actr.lanes.DisconnectReason;
import dev.onvoid.webrtc.RTCPeerConnectionState;

/**
 * Recovery of one ready connection whose transport broke: the connection turns {@code RECOVERING} (sends fail fast
 * with {@code NOT_CONNECTED}; frames still in flight are taken) and ICE is restarted within a bounded budget; the
 * connection is ready again once ICE is connected and a message from the peer arrived since the recovery began, or
 * closed with {@code NETWORK_ERROR} (reported disconnected) once the budget is spent.
 *
 * <p>What starts a recovery: ICE reports the transport disconnected (the restart waits
 * {@link WebRtcLaneContext#iceRestartDelayNs()} first, as ICE may come back by itself) or failed (restart at once),
 * or the peer was silent for {@link WebRtcLaneContext#keepaliveTimeoutNs()} (restart at once: libwebrtc notices a
 * dead path only after seconds, and a silent peer may be unreachable rather than gone). The offerer restarts ICE
 * (a new offer with fresh ICE credentials); the answerer asks the offerer to with an {@code IceRestartRequest} relay.
 * Budget: {@link WebRtcLaneContext#iceRestartAttempts()} attempts of {@link WebRtcLaneContext#iceRestartTimeoutNs()}
 * each; with no attempts allowed, silence closes the connection at once ({@code KEEPALIVE_TIMEOUT}).
 *
 * <p>Control thread.
 */
final class IceRecovery
{
    private final WebRtcConnection connection;
    private final WebRtcConductor conductor;
    private boolean transportConnected;
    private boolean restartInFlight;
    private int attempts;
    private long startedNs;
    private long deadlineNs;

    IceRecovery(final WebRtcConnection connection)
    {
        this.connection = connection;
        this.conductor = connection.conductor;
    }

    /**
     * The peer connection's state changed.
     *
     * @param pcState its new state.
     */
    void onConnectionState(final RTCPeerConnectionState pcState)
    {
        final int state = connection.state();
        final long nowNs = conductor.nanoTime();
        switch (pcState)
        {
            case CONNECTED:
                transportConnected = true;
                if (state == WebRtcConnection.RECOVERING)
                {
                    recovered();
                }
                break;
            case DISCONNECTED:
                transportConnected = false;
                if (connection.toRecovering())
                {
                    begin(nowNs, conductor.context.iceRestartDelayNs());
                }
                break;
            case FAILED:
                transportConnected = false;
                if (connection.toRecovering())
                {
                    begin(nowNs, 0);
                    restart(nowNs);
                }
                else if (state < WebRtcConnection.READY)
                {
                    connection.close(DisconnectReason.NETWORK_ERROR);
                }
                break; // while recovering, the attempt's deadline decides
            case CLOSED:
                connection.close(DisconnectReason.NETWORK_ERROR);
                break;
            default:
                break;
        }
    }

    /**
     * The peer of a ready connection was silent past the keep-alive timeout.
     *
     * @param nowNs the lane's clock.
     * @return false when no ICE restart is allowed: the caller closes the connection.
     */
    boolean onSilence(final long nowNs)
    {
        if (conductor.context.iceRestartAttempts() == 0)
        {
            return false;
        }
        if (connection.toRecovering())
        {
            begin(nowNs, 0);
            restart(nowNs);
        }
        return true;
    }

    /**
     * The answerer asked for an ICE restart (its side of the transport broke).
     */
    void onRestartRequest()
    {
        if (!connection.negotiation.offerer())
        {
            conductor.counters.increment(WebRtcCounter.RELAYS_IGNORED);
            return;
        }
        final long nowNs = conductor.nanoTime();
        if (connection.toRecovering())
        {
            begin(nowNs, 0);
            restart(nowNs);
        }
        else if (connection.state() == WebRtcConnection.RECOVERING && !restartInFlight)
        {
            restart(nowNs); // this side was still waiting for ICE to come back by itself
        }
    }

    /**
     * While recovering: ready again when the path carries messages, else the next attempt once this one timed out.
     */
    void onTick(final long nowNs)
    {
        if (!recovered() && nowNs - deadlineNs >= 0)
        {
            restart(nowNs);
        }
    }

    private void begin(final long nowNs, final long waitNs)
    {
        attempts = 0;
        restartInFlight = false;
        startedNs = nowNs;
        deadlineNs = nowNs + waitNs;
    }

    private boolean recovered()
    {
        if (transportConnected && connection.control.lastReceivedNs() - startedNs > 0)
        {
            restartInFlight = false;
            connection.toReady();
            conductor.counters.increment(WebRtcCounter.RECOVERIES);
            return true;
        }
        return false;
    }

    private void restart(final long nowNs)
    {
        if (attempts >= conductor.context.iceRestartAttempts())
        {
            conductor.log("connection to " + connection.peer.getSerialNumber() + " not recovered after " + attempts +
                " ICE restarts");
            connection.close(DisconnectReason.NETWORK_ERROR);
            return;
        }
        attempts++;
        restartInFlight = true;
        deadlineNs = nowNs + conductor.context.iceRestartTimeoutNs();
        connection.negotiation.restartIce();
    }
}
