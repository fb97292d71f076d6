package dev.actr.journal.integrity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Checks the index of a cycle file that {@link CycleFileScan} walked: Chronicle finds a record by index through an
 * {@code index2index} array of index arrays, each entry of an index array the position of every
 * {@code indexSpacing}-th record. A damaged entry would send a tailer that moves to an index to the wrong bytes; the
 * check compares every entry with where the walk found that record. The arrays are int64 arrays of Chronicle's binary
 * wire ({@code [0x8D][capacity i64][used i64][values...]}, after the field name and padding).
 */
final class IndexCheck
{
    private static final int PADDING = 0x8F;
    private static final int PADDING32 = 0x8E;
    private static final int I64_ARRAY = 0x8D;
    private static final int FIELD_NAME_ANY = 0xB9;

    private IndexCheck()
    {
    }

    /**
     * @return what is wrong with the index, or null when it agrees with the records.
     */
    static String check(final CycleFileScan scan) throws IOException
    {
        final long indexCount = number(scan.storeHeader, "indexCount");
        final long indexSpacing = number(scan.storeHeader, "indexSpacing");
        final long index2Index = number(scan.storeHeader, "index2Index");
        if (indexCount <= 0 || indexSpacing <= 0 || index2Index <= 0)
        {
            return scan.metadataDocuments == 0 ? null : "the store header's index settings are unreadable";
        }
        if (scan.metadataDocuments == 0)
        {
            return null; // no index written yet
        }
        if (!isMetadata(scan, index2Index))
        {
            return "the store header's index2index position " + index2Index + " is not an index document";
        }
        final long[] arrays = values(scan, index2Index);
        if (arrays == null)
        {
            return "the index2index document at byte " + index2Index + " is unreadable";
        }
        for (int a = 0; a < arrays.length; a++)
        {
            if (arrays[a] == 0)
            {
                continue;
            }
            if (!isMetadata(scan, arrays[a]))
            {
                return "index2index entry " + a + " points at byte " + arrays[a] + ", not an index array";
            }
            final long[] positions = values(scan, arrays[a]);
            if (positions == null)
            {
                return "the index array at byte " + arrays[a] + " is unreadable";
            }
            for (int j = 0; j < positions.length; j++)
            {
                final long sequence = (a * indexCount + j) * indexSpacing;
                if (positions[j] != 0 && (sequence >= scan.dataRecords || scan.records[(int)(2 * sequence)] -
                    Integer.BYTES != positions[j]))
                {
                    return "index entry for record " + sequence + " points at byte " + positions[j] +
                        (sequence < scan.dataRecords ? ", not at the record (byte " +
                        (scan.records[(int)(2 * sequence)] - Integer.BYTES) + ")" : ", past the last whole record");
                }
            }
        }
        return null;
    }

    private static boolean isMetadata(final CycleFileScan scan, final long position)
    {
        for (int i = 0; i < scan.metadataDocuments; i++)
        {
            if (scan.metadata[2 * i] == position)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The int64 array of the metadata document at a position, or null when it is not one.
     */
    private static long[] values(final CycleFileScan scan, final long headerPosition) throws IOException
    {
        long length = 0;
        for (int i = 0; i < scan.metadataDocuments; i++)
        {
            if (scan.metadata[2 * i] == headerPosition)
            {
                length = scan.metadata[2 * i + 1];
            }
        }
        final long start = headerPosition + Integer.BYTES;
        final long end = start + length;
        long at = start;
        final int code = scan.readUnsignedByte(at);
        if (code >= 0xC0 && code <= 0xDF)
        {
            at += 1 + (code & 0x1F);
        }
        else if (code == FIELD_NAME_ANY)
        {
            at += 2 + scan.readUnsignedByte(at + 1);
        }
        at = skipPadding(scan, at, end);
        if (at < 0 || at + 1 + 2 * Long.BYTES > end || scan.readUnsignedByte(at) != I64_ARRAY)
        {
            return null;
        }
        final long capacity = scan.readLong(at + 1);
        final long first = at + 1 + 2 * Long.BYTES;
        if (capacity < 0 || first + capacity * Long.BYTES > end)
        {
            return null;
        }
        final long[] values = new long[(int)capacity];
        for (int i = 0; i < capacity; i++)
        {
            values[i] = scan.readLong(first + (long)i * Long.BYTES);
        }
        return values;
    }

    private static long skipPadding(final CycleFileScan scan, final long from, final long end) throws IOException
    {
        long at = from;
        while (at < end)
        {
            final int code = scan.readUnsignedByte(at);
            if (code == PADDING)
            {
                at++;
            }
            else if (code == PADDING32 && at + 5 <= end)
            {
                final byte[] length = new byte[4];
                for (int i = 0; i < 4; i++)
                {
                    length[i] = (byte)scan.readUnsignedByte(at + 1 + i);
                }
                at += 5 + ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).getInt();
            }
            else
            {
                return at;
            }
        }
        return -1;
    }

    /**
     * A number field of the store header: its field name ({@code 0xC0 | length}, then the name), padding, then a
     * small int (below 0x80) or a typed int (0xA1..0xA7: u8, u16, u32, i8, i16, i32, i64).
     *
     * @return the value, or -1 when absent or unreadable.
     */
    static long number(final byte[] header, final String field)
    {
        final byte[] name = field.getBytes(StandardCharsets.US_ASCII);
        final byte[] tagged = new byte[name.length + 1];
        tagged[0] = (byte)(0xC0 | name.length);
        System.arraycopy(name, 0, tagged, 1, name.length);
        final int found = CycleFileScan.indexOf(header, tagged);
        if (found < 0)
        {
            return -1;
        }
        final ByteBuffer bytes = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN);
        int at = found + tagged.length;
        while (at < header.length)
        {
            final int code = header[at] & 0xFF;
            if (code == PADDING)
            {
                at++;
                continue;
            }
            if (code == PADDING32 && at + 5 <= header.length)
            {
                at += 5 + bytes.getInt(at + 1);
                continue;
            }
            return numberAt(bytes, at, code);
        }
        return -1;
    }

    private static long numberAt(final ByteBuffer bytes, final int at, final int code)
    {
        final int limit = bytes.limit();
        final int[] sizes = {1, 2, 4, 1, 2, 4, 8};
        if (code < 0x80)
        {
            return code;
        }
        if (code < 0xA1 || code > 0xA7 || at + 1 + sizes[code - 0xA1] > limit)
        {
            return -1;
        }
        switch (code)
        {
            case 0xA1: return bytes.get(at + 1) & 0xFF;
            case 0xA2: return bytes.getShort(at + 1) & 0xFFFF;
            case 0xA3: return bytes.getInt(at + 1) & 0xFFFF_FFFFL;
            case 0xA4: return bytes.get(at + 1);
            case 0xA5: return bytes.getShort(at + 1);
            case 0xA6: return bytes.getInt(at + 1);
            default: return bytes.getLong(at + 1);
        }
    }
}
