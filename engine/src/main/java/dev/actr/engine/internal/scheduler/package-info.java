/**
 * The scheduler: the one engine thread's duty cycle ({@code EngineAgent}) and what it runs — the dispatcher of
 * mailbox messages (RPC_SIGNAL before RPC_RELIABLE within a fairness bound), actor contexts, calls and replies with
 * their commits, deferred replies, chunk delivery, the actors' lifecycle and peer hooks, and the replay driver.
 * It owns every actor and all their state.
 *
 * <p>Data flow position: mailbox and stream registry, then scheduler, then actors, then egress.
 */
package dev.actr.engine.internal.scheduler;
