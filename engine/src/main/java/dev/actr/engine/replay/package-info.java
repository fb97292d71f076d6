/**
 * Deterministic replay of a node's journal: {@link dev.actr.engine.replay.Replayer} runs fresh actors over the
 * recorded dispatch inputs and compares their outputs with the recorded ones.
 *
 * <p>Data flow position: the journal's dispatch records feed the scheduler directly; outputs are compared, never
 * sent.
 */
package dev.actr.engine.replay;
