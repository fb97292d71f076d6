package dev.actr.lanes.transport;

import io.netty.buffer.ByteBuf;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Views bytes of a Netty {@link ByteBuf} as an Agrona buffer without copying when the buffer exposes its memory
 * address or backing array (pooled direct and heap buffers do), and through a copy otherwise (a composite
 * buffer). Cheap to call per frame; allocates nothing in steady state.
 *
 * <p>NOT thread safe: one instance per thread (each holds the reusable view).
 */
public final class ByteBufViews
{
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private byte[] scratch = new byte[0];

    /**
     * @param buf    the buffer.
     * @param index  first byte to view.
     * @param length bytes to view.
     * @return a read view whose byte 0 is {@code buf}'s byte {@code index}; valid until the next call.
     */
    public DirectBuffer wrap(final ByteBuf buf, final int index, final int length)
    {
        if (!wrapDirectly(buf, index, length))
        {
            if (scratch.length < length)
            {
                scratch = new byte[Math.max(length, scratch.length * 2)];
            }
            buf.getBytes(index, scratch, 0, length);
            view.wrap(scratch, 0, length);
        }
        return view;
    }

    /**
     * @param buf    the buffer to write into, with {@code length} bytes of capacity from {@code index}.
     * @param index  first byte to write.
     * @param length bytes to write.
     * @return a write view whose byte 0 is {@code buf}'s byte {@code index}, or {@code null} when the buffer has
     * neither a memory address nor an array (write through {@link ByteBuf} methods then).
     */
    public MutableDirectBuffer wrapForWrite(final ByteBuf buf, final int index, final int length)
    {
        return wrapDirectly(buf, index, length) ? view : null;
    }

    private boolean wrapDirectly(final ByteBuf buf, final int index, final int length)
    {
        if (buf.hasMemoryAddress())
        {
            view.wrap(buf.memoryAddress() + index, length);
            return true;
        }
        if (buf.hasArray())
        {
            view.wrap(buf.array(), buf.arrayOffset() + index, length);
            return true;
        }
        return false;
    }
}
