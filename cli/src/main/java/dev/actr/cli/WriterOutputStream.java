package dev.actr.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 bytes onto a command's {@link PrintWriter}, for code that prints to a {@link PrintStream} (the demo and its
 * progress bar; {@link #printStream}): the bytes are decoded back to characters as they come, a character split
 * across two writes held until its last byte arrives.
 */
final class WriterOutputStream extends OutputStream
{
    /** Longest UTF-8 sequence, in bytes. */
    private static final int MAX_SEQUENCE = 4;

    private final PrintWriter writer;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final byte[] held = new byte[MAX_SEQUENCE];
    private int heldLength;

    private WriterOutputStream(final PrintWriter writer)
    {
        this.writer = writer;
    }

    /**
     * @param writer where the characters go.
     * @return a UTF-8 print stream onto it, flushing it at every line.
     */
    static PrintStream printStream(final PrintWriter writer)
    {
        return new PrintStream(new WriterOutputStream(writer), true, StandardCharsets.UTF_8);
    }

    @Override
    public void write(final int b)
    {
        write(new byte[] {(byte)b}, 0, 1);
    }

    @Override
    public synchronized void write(final byte[] bytes, final int offset, final int length)
    {
        final ByteBuffer in = ByteBuffer.allocate(heldLength + length);
        in.put(held, 0, heldLength).put(bytes, offset, length).flip();
        final CharBuffer out = CharBuffer.allocate(in.remaining());
        decoder.decode(in, out, false);
        writer.write(out.array(), 0, out.position());
        heldLength = in.remaining();
        in.get(held, 0, heldLength);
    }

    @Override
    public void flush() throws IOException
    {
        writer.flush();
    }
}
