package dev.actr.cli.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The lanes {@code actr demo --lanes} knows, by name. The two-process WebSocket and WebRTC topologies join here
 * when their lanes land (see {@link DemoExchangeNodeMain} for the second process's side).
 */
public final class DemoTopologies
{
    /** Every actor on one node: calls and streams never leave the engine. */
    public static final String LOCAL = "local";
    /** Two nodes of this JVM joined by the in-process lane. */
    public static final String IN_PROCESS = "in-process";

    private static final Map<String, Supplier<DemoTopology>> KNOWN = new LinkedHashMap<>();

    static
    {
        KNOWN.put(LOCAL, InProcessTopology::oneNode);
        KNOWN.put(IN_PROCESS, InProcessTopology::twoNodes);
    }

    private DemoTopologies()
    {
    }

    /**
     * @param name a lane's name.
     * @return a new topology of that lane.
     * @throws IllegalArgumentException naming the lanes known when the name is not one.
     */
    public static DemoTopology forName(final String name)
    {
        final Supplier<DemoTopology> topology = KNOWN.get(name);
        if (topology == null)
        {
            throw new IllegalArgumentException("unknown lane '" + name + "'; known: " + String.join(", ", KNOWN.keySet()));
        }
        return topology.get();
    }

    /**
     * @return the names of the lanes known.
     */
    public static Iterable<String> names()
    {
        return KNOWN.keySet();
    }
}
