/**
 * The durable half of duplicate suppression: every answered request (and every completed tell) is journalled
 * with its reply, so that after a restart a redelivered or retried request within the window gets its original
 * reply instead of running again.
 *
 * <p>Data flow position: the engine's dispatcher writes it when a reply is sent and reads it back at start-up.
 */
package dev.actr.journal.dedup;
