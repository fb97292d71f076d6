/**
 * The router: on the engine thread, takes each frame from the ingress ring and sends it where it belongs —
 * RESPONSE envelopes to the pending map, REQUEST and TELL envelopes into the mailbox (by priority), data chunks
 * to the stream registry — answering at once what cannot be queued (unknown route, full mailbox).
 *
 * <p>Data flow position: ingress ring, then router, then pending map | mailbox | stream registry.
 */
package dev.actr.engine.router;
