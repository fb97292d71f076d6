/**
 * The in-process lane: delivers frames between the host and the actors of one node, and between those actors,
 * through the same ingress ring, router, mailbox and journal as the network lanes — with no socket and no copy
 * beyond the one into the ring.
 */
package dev.actr.lanes.inproc;
