package dev.actr.engine.actor;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A route key ({@code package.Service.Method}, as actr forms it) encoded once: hold one in a constant and pass it
 * to calls, tells and registrations, and the engine looks nothing up by string per message. Immutable; any thread.
 */
public final class RouteKey
{
    private final String name;
    private final byte[] utf8;

    private RouteKey(final String name)
    {
        this.name = name;
        this.utf8 = name.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param name the route key, e.g. {@code "acme.Echo.Say"}; non-empty.
     * @return the key.
     * @throws IllegalArgumentException when the name is null or empty.
     */
    public static RouteKey of(final String name)
    {
        if (name == null || name.isEmpty())
        {
            throw new IllegalArgumentException("route key must be non-empty");
        }
        return new RouteKey(name);
    }

    /**
     * @return the route key text.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the UTF-8 bytes; do not modify.
     */
    byte[] utf8()
    {
        return utf8;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof RouteKey && ((RouteKey)o).name.equals(name);
    }

    @Override
    public int hashCode()
    {
        return Objects.hashCode(name);
    }

    @Override
    public String toString()
    {
        return name;
    }
}
