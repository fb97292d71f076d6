/**
 * The stream registry: data chunks by (actor, stream id), each stream an ordered, bounded queue drained by the
 * scheduler after the mailbox. Reliable streams push back on an in-process sender through credits; latency-first
 * streams drop their oldest chunk and count it.
 *
 * <p>Data flow position: router, then stream registry, then the actor's stream handler.
 */
package dev.actr.engine.internal.stream;
