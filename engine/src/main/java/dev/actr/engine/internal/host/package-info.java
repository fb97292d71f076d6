/**
 * The host side of calls: reusable blocking-call slots, future calls completed on the host executor, and the
 * host's timer thread that answers a caller at its deadline whatever the engine is doing.
 *
 * <p>Data flow position: host threads publish into ingress; responses come back here from the router.
 */
package dev.actr.engine.internal.host;
