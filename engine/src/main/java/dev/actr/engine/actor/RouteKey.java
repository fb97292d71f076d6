package dev.actr.engine.actor;

import dev.actr.codec.proto.PayloadType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * A route key ({@code package.Service.Method}, as actr forms it) encoded once, with the payload type its method
 * travels on: hold one in a constant and pass it to calls, tells and registrations, and the engine looks nothing up
 * by string per message. Generated clients and handlers ({@code actr-codegen}) declare one per method. Immutable;
 * any thread.
 */
public final class RouteKey
{
    private final String name;
    private final PayloadType payloadType;
    private final UnsafeBuffer bytes;

    private RouteKey(final String name, final PayloadType payloadType)
    {
        this.name = name;
        this.payloadType = payloadType;
        this.bytes = new UnsafeBuffer(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param name the route key, e.g. {@code "acme.Echo.Say"}; non-empty.
     * @return the key, on {@code RPC_RELIABLE}.
     * @throws IllegalArgumentException when the name is null or empty.
     */
    public static RouteKey of(final String name)
    {
        return of(name, PayloadType.RPC_RELIABLE);
    }

    /**
     * @param name        the route key; non-empty.
     * @param payloadType the payload type the method's requests travel on (the {@code (actr.payload_type)} option).
     * @return the key.
     * @throws IllegalArgumentException when the name is null or empty, or the payload type is null.
     */
    public static RouteKey of(final String name, final PayloadType payloadType)
    {
        if (name == null || name.isEmpty())
        {
            throw new IllegalArgumentException("route key must be non-empty");
        }
        if (payloadType == null)
        {
            throw new IllegalArgumentException("payload type of route " + name + " must be set");
        }
        return new RouteKey(name, payloadType);
    }

    /**
     * @return the route key text.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the payload type the method's requests travel on.
     */
    public PayloadType payloadType()
    {
        return payloadType;
    }

    /**
     * @return the UTF-8 bytes of the key, the whole buffer; read only.
     */
    public DirectBuffer bytes()
    {
        return bytes;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof RouteKey && ((RouteKey)o).name.equals(name) && ((RouteKey)o).payloadType == payloadType;
    }

    @Override
    public int hashCode()
    {
        return name.hashCode() * 31 + payloadType.getNumber();
    }

    @Override
    public String toString()
    {
        return name;
    }
}
