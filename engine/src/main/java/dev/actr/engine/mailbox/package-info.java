/**
 * The layout of a message as the router stores it in the node's mailbox (the mailbox contract itself lives in
 * {@code dev.actr.journal.mailbox}, below the engine in the module graph).
 *
 * <p>Data flow position: router writes it, scheduler reads it.
 */
package dev.actr.engine.mailbox;
