/**
 * The peer table: peers of other nodes, each with a caller index apart from local actors, their current
 * connection and lane. Owned by the engine thread.
 *
 * <p>Data flow position: the router resolves inbound connections here; egress sends to peers through it.
 */
package dev.actr.engine.internal.peer;
