package dev.actr.cli;

import dev.actr.engine.NodeContext;

/**
 * Builds the actors of a recorded node for {@code actr journal replay <dir> --actors <class>}: the class named there
 * implements this, has a public no-argument constructor and is on the class path (or on {@code --class-path}).
 * Replay needs the actors' code; a journal holds only their ids and inputs.
 */
@FunctionalInterface
public interface ReplayActors
{
    /**
     * @return a new context holding fresh instances of the recorded node's actors, with the same ids in the same
     * order, and the recorded node's limits (frame length, capacities); the replay replaces its threading mode,
     * clock, ring size, mailbox and journal settings.
     */
    NodeContext newContext();
}
