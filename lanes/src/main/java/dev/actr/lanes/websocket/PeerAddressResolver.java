package dev.actr.lanes.websocket;

import dev.actr.codec.proto.ActrId;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the WebSocket address ({@code ws://host:port/path} or {@code wss://...}) a peer advertises. The signaling
 * client is one ({@code signalingClient::wsAddress}); tests and in-process nodes can use a map.
 */
@FunctionalInterface
public interface PeerAddressResolver
{
    /**
     * @param peer the peer.
     * @return completes with the address, or with null when none is known; must not block the caller.
     */
    CompletableFuture<String> resolve(ActrId peer);

    /**
     * @param addresses fixed addresses by peer (read at each call, so a concurrent map may change).
     * @return a resolver that looks them up.
     */
    static PeerAddressResolver of(final Map<ActrId, String> addresses)
    {
        return peer -> CompletableFuture.completedFuture(addresses.get(peer));
    }
}
