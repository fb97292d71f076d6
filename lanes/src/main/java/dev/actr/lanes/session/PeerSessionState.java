package dev.actr.lanes.session;

/**
 * The lifecycle of one peer connection, the same on every lane.
 * <pre>
 *   CONNECTING ──► AUTHENTICATING ──► READY ──► CLOSING ──► CLOSED
 *        │               │                          ▲
 *        └───────────────┴── refused / timed out ───┘
 * </pre>
 */
public enum PeerSessionState
{
    /** The transport is up (or coming up); no handshake message yet. */
    CONNECTING,
    /** Handshake messages are being exchanged. */
    AUTHENTICATING,
    /** Both sides proved their identity; lane frames may flow. */
    READY,
    /** Refused, timed out or asked to close: the transport is being closed. */
    CLOSING,
    /** The transport is closed. */
    CLOSED
}
