/**
 * The mailbox: where the router puts requests and tells, one queue per priority, and where the scheduler takes
 * them from. A message handed out is in flight until it is acked (after its reply was sent), so a durable
 * implementation can deliver it again after a crash. {@link dev.actr.engine.mailbox.InMemoryMailbox} is the
 * bounded in-memory implementation; the journal module provides the Chronicle Queue one.
 *
 * <p>Data flow position: router, then mailbox, then scheduler.
 */
package dev.actr.engine.mailbox;
