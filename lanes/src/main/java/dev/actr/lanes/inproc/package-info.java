/**
 * The in-process lane: joins nodes of one JVM through an {@code InProcessNetwork}, keeping the network lane
 * contract exactly (connection events, return codes), so that the engine's two-node contract suite runs over it
 * without sockets.
 *
 * <p>Data flow position: one node's egress, then this lane, then the other node's ingress ring.
 */
package dev.actr.lanes.inproc;
