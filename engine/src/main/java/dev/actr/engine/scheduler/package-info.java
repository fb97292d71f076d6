/**
 * The scheduler: the one engine thread's duty cycle. It polls the ingress ring (the router completes waiting
 * calls at once, so continuations run first), expires deadlines, then drains the mailbox — RPC_SIGNAL before
 * RPC_RELIABLE within a fairness bound — and finally the chunk streams. It owns every actor, their contexts,
 * the dedup window and deferred replies.
 *
 * <p>Data flow position: mailbox and stream registry, then scheduler, then actors.
 */
package dev.actr.engine.scheduler;
