package dev.actr.cli.demo;

/**
 * The lanes {@link DemoExchangeNodeMain} can join the exchange side by ({@code --lane NAME}): {@code none} (the
 * process plumbing alone), and the network lanes {@code websocket} and {@code webrtc} ({@link DemoNetworkLane}),
 * which need the parent's signaling service ({@code --signaling URI}).
 */
public final class DemoLaneBindings
{
    private DemoLaneBindings()
    {
    }

    /**
     * @param name         a lane's name.
     * @param signalingUri the signaling service, or null when none was given.
     * @return a new binding of that lane, or null when the name is not known.
     * @throws IllegalArgumentException when the lane needs a signaling service and none was given.
     */
    public static DemoLaneBinding forName(final String name, final String signalingUri)
    {
        if (DemoLaneBinding.NONE.name().equals(name))
        {
            return DemoLaneBinding.NONE;
        }
        final DemoNetworkLane network = DemoNetworkLane.forName(name);
        if (network == null)
        {
            return null;
        }
        if (signalingUri == null)
        {
            throw new IllegalArgumentException("--lane " + name + " needs --signaling URI");
        }
        return new NetworkLaneBinding(network, signalingUri);
    }

    /** Finds a lane's binding: {@link #forName}, or a test's own. */
    @FunctionalInterface
    public interface Lookup
    {
        /**
         * @param name         a lane's name.
         * @param signalingUri the signaling service, or null.
         * @return the binding, or null when the name is not known.
         * @throws IllegalArgumentException when the lane needs an option that was not given.
         */
        DemoLaneBinding find(String name, String signalingUri);
    }
}
