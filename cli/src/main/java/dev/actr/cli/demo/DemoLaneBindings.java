package dev.actr.cli.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The lanes {@link DemoExchangeNodeMain} can join the exchange side by ({@code --lane NAME}). {@code none} (the
 * process plumbing alone) is all there is until the WebSocket and WebRTC lanes add their bindings here.
 */
public final class DemoLaneBindings
{
    private static final Map<String, Supplier<DemoLaneBinding>> KNOWN = new LinkedHashMap<>();

    static
    {
        KNOWN.put(DemoLaneBinding.NONE.name(), () -> DemoLaneBinding.NONE);
    }

    private DemoLaneBindings()
    {
    }

    /**
     * @param name a lane's name.
     * @return a new binding of that lane, or null when the name is not known.
     */
    public static DemoLaneBinding forName(final String name)
    {
        final Supplier<DemoLaneBinding> binding = KNOWN.get(name);
        return binding == null ? null : binding.get();
    }
}
