/**
 * The ingress ring: a Disruptor multi-producer ring of pre-allocated events into which lanes and host threads
 * publish frames (bytes copied into event-owned buffers). The engine thread polls it.
 *
 * <p>Data flow position: lanes and host, then ingress, then router.
 */
package dev.actr.engine.ingress;
