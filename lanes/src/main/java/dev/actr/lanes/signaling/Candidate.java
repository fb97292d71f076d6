package dev.actr.lanes.signaling;

import dev.actr.codec.proto.ActrId;

/**
 * A registered node as discovery sees it: on this instance ({@link Registration}) or, in a cluster, on another
 * ({@link ClusterEntry}).
 */
interface Candidate
{
    /**
     * @return the node's id.
     */
    ActrId id();

    /**
     * @return its advertised WebSocket address, or null.
     */
    String wsAddress();

    /**
     * @return the power reserve of its last heartbeat.
     */
    float powerReserve();

    /**
     * @return the mailbox backlog of its last heartbeat.
     */
    float mailboxBacklog();
}
