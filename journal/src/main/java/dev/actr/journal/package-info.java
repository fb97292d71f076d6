/**
 * Durable state on Chronicle Queue: the reliable mailbox (enqueue, in-flight, ack, redelivery after a crash)
 * and the replay journal (ingress frames, dispatch order, outbound envelopes). Chronicle stays in this module.
 * {@link dev.actr.journal.DirectoryLock} gives a durable directory to one writer at a time.
 *
 * <p>Data flow position: the engine's router writes requests into the mailbox and the journal handler writes
 * every inbound frame; the scheduler drains the mailbox.
 */
package dev.actr.journal;
