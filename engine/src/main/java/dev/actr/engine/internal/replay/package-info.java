/**
 * Recording for deterministic replay: the engine reports every ingress frame, every input an actor sees (in the
 * scheduler's order, with the engine clock) and every envelope or chunk an actor sends to a {@code JournalRecorder};
 * {@code ReplayJournalRecorder} writes them to the journal module's Chronicle queues.
 *
 * <p>Data flow position: beside ingress, the scheduler (dispatch) and egress (outbound).
 */
package dev.actr.engine.internal.replay;
