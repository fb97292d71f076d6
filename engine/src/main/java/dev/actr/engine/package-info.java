/**
 * The actr engine: the Disruptor ingress ring that lanes publish into, the router, the pending-request map,
 * the mailbox and the single-threaded scheduler that runs the actors.
 *
 * <p>Data flow position: after the lanes, before the actors; owns every piece of actor state.
 */
package dev.actr.engine;
