/**
 * The actor API: what an application implements ({@link dev.actr.engine.actor.Actor}, handlers registered per
 * route key) and what it calls from a handler ({@link dev.actr.engine.actor.ActorContext}: call, tell, chunks,
 * streams, deferred replies, the clock). Every callback runs on the scheduler thread; nothing here may block.
 *
 * <p>Data flow position: the scheduler dispatches into actors; their calls, replies and chunks go out through
 * the egress proxy.
 */
package dev.actr.engine.actor;
