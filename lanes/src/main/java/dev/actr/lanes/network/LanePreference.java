package dev.actr.lanes.network;

/**
 * Which lane a node dials a peer on.
 */
public enum LanePreference
{
    /** WebSocket when discovery knows the peer's {@code ws_address}, WebRTC otherwise (actr's choice; default). */
    WEBSOCKET_FIRST,
    /** WebRTC whenever the node has the WebRTC lane, WebSocket otherwise. */
    WEBRTC_FIRST,
    /** WebSocket only: a peer with no {@code ws_address} is unreachable. */
    WEBSOCKET_ONLY,
    /** WebRTC only. */
    WEBRTC_ONLY
}
