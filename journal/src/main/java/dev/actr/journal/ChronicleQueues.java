package dev.actr.journal;

import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;

import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Where every Chronicle queue of the journal module is built. Chronicle logs through SLF4J, which this module routes
 * to {@code java.util.logging} (the JDK's {@code System.Logger} backend); Chronicle's INFO chatter ("Took 3 ms to
 * add mapping for ...") is then quietened to WARNING once, unless the embedder configured a level for
 * {@code net.openhft} (in {@code logging.properties}, or before the first queue opens).
 */
public final class ChronicleQueues
{
    private static final Logger CHRONICLE = Logger.getLogger("net.openhft");

    static
    {
        if (CHRONICLE.getLevel() == null)
        {
            CHRONICLE.setLevel(Level.WARNING);
        }
    }

    private ChronicleQueues()
    {
    }

    /**
     * @param directory of the queue.
     * @return a binary queue builder for it.
     */
    public static SingleChronicleQueueBuilder binary(final Path directory)
    {
        return SingleChronicleQueueBuilder.binary(directory);
    }
}
