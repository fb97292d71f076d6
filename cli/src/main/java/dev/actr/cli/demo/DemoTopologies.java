package dev.actr.cli.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The lanes {@code actr demo --lanes} knows, by name: in this JVM ({@code local}, {@code in-process}) and between
 * two processes over the network ({@code websocket}, {@code webrtc}; see {@link TwoProcessTopology#network}).
 */
public final class DemoTopologies
{
    /** Every actor on one node: calls and streams never leave the engine. */
    public static final String LOCAL = "local";
    /** Two nodes of this JVM joined by the in-process lane. */
    public static final String IN_PROCESS = "in-process";
    /** Two processes joined by WebSocket connections, found through a signaling server embedded here. */
    public static final String WEBSOCKET = "websocket";
    /** Two processes joined by WebRTC DataChannels, negotiated through a signaling server embedded here. */
    public static final String WEBRTC = "webrtc";

    private static final Map<String, Supplier<DemoTopology>> KNOWN = new LinkedHashMap<>();

    static
    {
        KNOWN.put(LOCAL, InProcessTopology::oneNode);
        KNOWN.put(IN_PROCESS, InProcessTopology::twoNodes);
        KNOWN.put(WEBSOCKET, () -> TwoProcessTopology.network(DemoNetworkLane.WEBSOCKET));
        KNOWN.put(WEBRTC, () -> TwoProcessTopology.network(DemoNetworkLane.WEBRTC));
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
     * Resolve lane names to topologies, checking up front that each can run here. The {@code webrtc} lane needs a
     * usable network interface ({@link NetworkInterfaceProbe}): when there is none, a default list of lanes leaves
     * it out and says so in {@code notes}, and a list the user gave fails.
     *
     * @param names    the lanes, in order.
     * @param given    true when the user named the lanes, false for the default list.
     * @param probe    tells whether WebRTC can run here.
     * @param notes    where a lane left out is explained.
     * @return the topologies, in order.
     * @throws IllegalArgumentException naming an unknown lane, or one named twice.
     * @throws IllegalStateException    when a lane asked for cannot run here, saying why.
     */
    static List<DemoTopology> resolve(
        final List<String> names, final boolean given, final NetworkInterfaceProbe probe, final List<String> notes)
    {
        final List<DemoTopology> topologies = new ArrayList<>();
        for (final String name : names)
        {
            final DemoTopology topology = forName(name);
            if (names.indexOf(name) != names.lastIndexOf(name))
            {
                throw new IllegalArgumentException("lane '" + name + "' is named twice (each lane runs once, in a " +
                    "folder of its own)");
            }
            if (WEBRTC.equals(name))
            {
                final Optional<String> usable = probe.usableInterface();
                if (usable.isEmpty() && given)
                {
                    throw new IllegalStateException("the webrtc lane cannot run here: " + NO_INTERFACE);
                }
                if (usable.isEmpty())
                {
                    notes.add("webrtc left out: " + NO_INTERFACE);
                    continue;
                }
            }
            topologies.add(topology);
        }
        return topologies;
    }

    /** Why WebRTC cannot run without an interface, and what to do. */
    private static final String NO_INTERFACE = "no network interface but loopback is up with an address, and " +
        "libwebrtc ignores loopback (even two peers on one host need another interface); run another lane, or " +
        "run in a network namespace with a veth pair (.ci/netns private CMD)";

    /**
     * @return the names of the lanes known.
     */
    public static Iterable<String> names()
    {
        return KNOWN.keySet();
    }
}
