/**
 * The mailbox contract and its implementations: where the engine's router puts requests and tells, one queue per
 * priority, and where the scheduler takes them from. A message handed out is in flight until it is acked (after
 * its reply was sent), so a durable implementation delivers it again after a crash.
 * {@link dev.actr.journal.mailbox.InMemoryMailbox} is bounded and volatile;
 * {@link dev.actr.journal.mailbox.ChronicleMailbox} is durable (Chronicle Queue, memory-mapped).
 *
 * <p>Data flow position: engine router, then mailbox, then engine scheduler.
 */
package dev.actr.journal.mailbox;
