package dev.actr.journal.replay;

/**
 * The three journals of a node, each a Chronicle queue in its own subdirectory of the journal directory.
 */
public enum JournalKind
{
    /** Every frame the engine took from the ingress ring (wire-level debugging). */
    INGRESS("ingress"),
    /** Every input an actor saw, in the scheduler's order: what replay feeds. */
    DISPATCH("dispatch"),
    /** Every envelope or chunk an actor sent: what replay compares against. */
    OUTBOUND("outbound");

    private final String directoryName;

    JournalKind(final String directoryName)
    {
        this.directoryName = directoryName;
    }

    /**
     * @return name of this journal's subdirectory, also used in dump lines.
     */
    public String directoryName()
    {
        return directoryName;
    }
}
