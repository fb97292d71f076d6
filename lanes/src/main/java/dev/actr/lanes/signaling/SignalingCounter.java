package dev.actr.lanes.signaling;

/**
 * What a {@link SignalingServer} counts ({@link SignalingServer#counter(SignalingCounter)}).
 */
public enum SignalingCounter
{
    /** WebSocket connections accepted. */
    CONNECTIONS_ACCEPTED("connections accepted"),
    /** Connections closed at once because {@code maxConnections} were open. */
    CONNECTIONS_REFUSED("connections refused (limit)"),
    /** Nodes registered with a new id. */
    REGISTRATIONS("registrations"),
    /** Nodes registered again under their previous id (resume). */
    RESUMES("resumes"),
    /** Credentials renewed. */
    RENEWALS("credential renewals"),
    /** Pings answered. */
    HEARTBEATS("heartbeats"),
    /** Discovery requests answered. */
    DISCOVERIES("discoveries"),
    /** Relays forwarded to their target. */
    RELAYS("relays forwarded"),
    /** Role assignments sent (two per negotiation). */
    ROLE_ASSIGNMENTS("role assignments"),
    /** Nodes that unregistered themselves, or whose connection closed. */
    UNREGISTRATIONS("unregistrations"),
    /** Nodes unregistered because their heartbeat stopped. */
    EXPIRED("expired (heartbeat)"),
    /** Envelopes refused with an envelope_error. */
    ENVELOPE_ERRORS("envelope errors"),
    /** Frames over the size limit (the connection is closed). */
    FRAMES_TOO_LARGE("frames too large"),
    /** Signing key rotations. */
    KEY_ROTATIONS("signing key rotations"),
    /** Registrations dropped because the node registered again on another instance of the cluster. */
    MOVED_AWAY("moved to another instance"),
    /** Cluster operations (NATS JetStream) that failed; each is also told to the error handler. */
    BACKPLANE_ERRORS("cluster backplane errors");

    private final String label;

    SignalingCounter(final String label)
    {
        this.label = label;
    }

    /**
     * @return a human label.
     */
    public String label()
    {
        return label;
    }
}
