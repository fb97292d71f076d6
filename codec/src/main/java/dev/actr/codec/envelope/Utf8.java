package dev.actr.codec.envelope;

import org.agrona.MutableDirectBuffer;

/**
 * UTF-8 encoding of text straight into a buffer, allocation-free, in the bytes protobuf-java writes for a string
 * field: standard UTF-8, and {@code '?'} in place of an unpaired surrogate (protobuf-java falls back to
 * {@code String.getBytes(UTF_8)} for such text, which replaces it so).
 */
final class Utf8
{
    private static final byte REPLACEMENT = (byte)'?';

    private Utf8()
    {
    }

    /**
     * @param text to measure.
     * @return the number of bytes {@link #put} writes for {@code text}.
     */
    static int encodedLength(final CharSequence text)
    {
        final int chars = text.length();
        int length = chars;
        for (int i = 0; i < chars; i++)
        {
            final char c = text.charAt(i);
            if (c >= 0x80)
            {
                if (c < 0x800)
                {
                    length += 1;
                }
                else if (!Character.isSurrogate(c))
                {
                    length += 2;
                }
                else if (isPairAt(text, i))
                {
                    length += 2;                                // 4 bytes for 2 chars
                    i++;
                }
                // an unpaired surrogate is one '?' byte, already counted
            }
        }
        return length;
    }

    /**
     * @param buffer to write into; the caller ensures room for {@link #encodedLength} bytes.
     * @param offset at which to write.
     * @param text   to write.
     * @return the number of bytes written.
     */
    static int put(final MutableDirectBuffer buffer, final int offset, final CharSequence text)
    {
        final int chars = text.length();
        int position = offset;
        for (int i = 0; i < chars; i++)
        {
            final char c = text.charAt(i);
            if (c < 0x80)
            {
                buffer.putByte(position++, (byte)c);
            }
            else if (c < 0x800)
            {
                buffer.putByte(position++, (byte)(0xC0 | c >>> 6));
                buffer.putByte(position++, (byte)(0x80 | c & 0x3F));
            }
            else if (!Character.isSurrogate(c))
            {
                buffer.putByte(position++, (byte)(0xE0 | c >>> 12));
                buffer.putByte(position++, (byte)(0x80 | c >>> 6 & 0x3F));
                buffer.putByte(position++, (byte)(0x80 | c & 0x3F));
            }
            else if (isPairAt(text, i))
            {
                final int codePoint = Character.toCodePoint(c, text.charAt(++i));
                buffer.putByte(position++, (byte)(0xF0 | codePoint >>> 18));
                buffer.putByte(position++, (byte)(0x80 | codePoint >>> 12 & 0x3F));
                buffer.putByte(position++, (byte)(0x80 | codePoint >>> 6 & 0x3F));
                buffer.putByte(position++, (byte)(0x80 | codePoint & 0x3F));
            }
            else
            {
                buffer.putByte(position++, REPLACEMENT);
            }
        }
        return position - offset;
    }

    private static boolean isPairAt(final CharSequence text, final int index)
    {
        return Character.isHighSurrogate(text.charAt(index)) && index + 1 < text.length() &&
            Character.isLowSurrogate(text.charAt(index + 1));
    }
}
