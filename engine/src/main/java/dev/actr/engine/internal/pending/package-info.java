/**
 * The pending-request map: every call this node made and is still waiting for, keyed by its 64-bit correlation
 * id together with the source that must answer it (a local actor or a peer), in pre-allocated slots with a timer
 * wheel that expires calls whose deadline passed. Owned by the engine thread alone.
 *
 * <p>Data flow position: the router hands RESPONSE envelopes here; a completed or expired call runs its
 * continuation on the engine thread.
 */
package dev.actr.engine.internal.pending;
