package dev.actr.journal.mailbox;

/**
 * When a durable mailbox forces its memory-mapped writes to disk. Every policy survives the death of the
 * process (the pages are in the OS page cache); only the stronger ones survive the loss of the machine.
 */
public enum FsyncPolicy
{
    /** Never force: the OS writes pages back in its own time. Survives a process crash, not a power cut. */
    NONE,
    /** Force once per batch ({@link Mailbox#sync()}, called by the engine after each routed batch). */
    GROUP,
    /** Force after every message written. Slowest; survives a power cut message by message. */
    PER_MESSAGE
}
