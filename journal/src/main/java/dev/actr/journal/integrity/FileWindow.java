package dev.actr.journal.integrity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * A window of a file read through a channel (never mapped: a mapping of a file cut short faults when read past its
 * end), for reading little-endian values at scattered positions without a read per value.
 *
 * <p>NOT thread safe.
 */
final class FileWindow
{
    private final FileChannel channel;
    private final ByteBuffer buffer;
    private long start = -1;
    private int length;

    FileWindow(final FileChannel channel, final int capacity)
    {
        this.channel = channel;
        this.buffer = ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN);
    }

    int readInt(final long position) throws IOException
    {
        ensure(position, Integer.BYTES);
        return buffer.getInt((int)(position - start));
    }

    long readLong(final long position) throws IOException
    {
        ensure(position, Long.BYTES);
        return buffer.getLong((int)(position - start));
    }

    byte readByte(final long position) throws IOException
    {
        ensure(position, 1);
        return buffer.get((int)(position - start));
    }

    /**
     * @return true when every byte from {@code from} to {@code end} is zero.
     */
    boolean zeroFrom(final long from, final long end) throws IOException
    {
        long position = from;
        while (position < end)
        {
            fill(position);
            if (length == 0)
            {
                return true;
            }
            for (int i = (int)(position - start); i < length; i++)
            {
                if (buffer.get(i) != 0)
                {
                    return false;
                }
            }
            position = start + length;
        }
        return true;
    }

    private void ensure(final long position, final int bytes) throws IOException
    {
        if (position < start || position + bytes > start + length)
        {
            fill(position);
            if (length < bytes)
            {
                throw new IOException("read of " + bytes + " bytes at " + position + " past the end of the file");
            }
        }
    }

    private void fill(final long position) throws IOException
    {
        buffer.clear();
        int total = 0;
        while (buffer.hasRemaining())
        {
            final int read = channel.read(buffer, position + total);
            if (read <= 0)
            {
                break;
            }
            total += read;
        }
        start = position;
        length = total;
    }
}
