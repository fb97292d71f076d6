/**
 * The router: on the engine thread, takes each frame and sends it where it belongs — RESPONSE envelopes to the
 * pending map (only from the source a call waits for), REQUEST and TELL envelopes into the mailbox (by priority),
 * data chunks to the stream registry, host frames for peers out to their connection, connection events to the
 * peer lifecycle — answering at once what cannot be queued (unknown route, full mailbox).
 *
 * <p>Data flow position: ingress, then router, then pending map | mailbox | stream registry | peer table.
 */
package dev.actr.engine.internal.router;
