/**
 * The replay journal: three Chronicle queues per node and the tools that read them.
 *
 * <p>Data flow position: the engine writes {@link dev.actr.journal.replay.JournalKind#INGRESS ingress} records for
 * every frame it takes from the ingress ring, {@link dev.actr.journal.replay.JournalKind#DISPATCH dispatch} records
 * for every input an actor sees, in the scheduler's order, and
 * {@link dev.actr.journal.replay.JournalKind#OUTBOUND outbound} records for every envelope or chunk handed to
 * egress, all through one {@link dev.actr.journal.replay.ReplayJournal} on the engine thread. Replay (feeding
 * dispatch records to fresh actors and comparing their outputs with the outbound records) and the
 * {@code actr journal} CLI read them with {@link dev.actr.journal.replay.JournalReader},
 * {@link dev.actr.journal.replay.JournalDump} and {@link dev.actr.journal.replay.JournalStats}, without the writer.
 *
 * <p>Record layouts: {@link dev.actr.journal.replay.IngressRecordDescriptor},
 * {@link dev.actr.journal.replay.DispatchRecordDescriptor}, {@link dev.actr.journal.replay.OutboundRecordDescriptor}.
 */
package dev.actr.journal.replay;
