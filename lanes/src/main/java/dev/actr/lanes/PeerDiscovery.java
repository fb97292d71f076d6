package dev.actr.lanes;

import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Finds peers by actor type (through the signaling service), without blocking the caller.
 */
@FunctionalInterface
public interface PeerDiscovery
{
    /**
     * @param type the actor type wanted.
     * @return completes with the ids of peers of that type (possibly none), or exceptionally when the signaling
     * service could not be asked.
     */
    CompletableFuture<List<ActrId>> discover(ActrType type);
}
