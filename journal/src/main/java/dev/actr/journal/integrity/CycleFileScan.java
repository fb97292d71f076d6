package dev.actr.journal.integrity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A walk over the documents of one Chronicle cycle file, read from the file itself (never through Chronicle, which
 * on a damaged file can spin, assert or append past the damage). Chronicle lays a cycle file out as documents, each a
 * little-endian 32-bit header and its bytes, 4-byte aligned:
 *
 * <pre>
 *   header: [not complete: 1 bit][metadata: 1 bit][length: 30 bits]   0 = nothing written here yet
 *   file:   [metadata: the store header, with writePosition] [metadata: index2index] [data] [data] ... [metadata:
 *            an index array] [data] ... [0 0 0 0 ...]  or, once rolled, ... [END_OF_DATA = 0xC0000000]
 * </pre>
 *
 * The walk stops at the first of: a zero header (the end of what was written), the end-of-cycle marker, a header
 * still marked not complete (a writer died in the middle of it: a torn record), or a length that runs past the end
 * of the file (the file was cut short). The tail is then checked: nothing but zeros may follow the end, and the
 * store header's {@code writePosition} (the start of the last record written) must be a document the walk reached;
 * otherwise records were lost.
 *
 * <p>Cold path: once per cycle file when a store opens. NOT thread safe.
 */
final class CycleFileScan
{
    static final int NOT_COMPLETE = 0x8000_0000;
    static final int META_DATA = 0x4000_0000;
    static final int LENGTH_MASK = 0x3FFF_FFFF;
    static final int END_OF_DATA = NOT_COMPLETE | META_DATA;

    private static final byte[] WRITE_POSITION = "writePosition".getBytes(StandardCharsets.US_ASCII);
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int PADDING = 0x8F;
    private static final int PADDING32 = 0x8E;
    private static final int I64_ARRAY = 0x8D;

    final Path file;
    long fileLength;
    /** Data records (documents that take an index) before the damage or the end. */
    long dataRecords;
    /** Byte offset of the damage, or -1 when the file is whole. */
    long damageOffset = -1;
    String reason;
    /** The cycle ended with Chronicle's end-of-cycle marker. */
    boolean endOfCycle;
    /** The only damage is one last record a writer never finished: nothing complete was lost. */
    boolean incompleteTailOnly;
    /** Start of the last record written, from the store header; -1 when unreadable. */
    long headerWritePosition = -1;
    /** Sequence (within the cycle) of the last record written, from the store header; -1 when unknown. */
    long headerLastSequence = -1;
    /** Offset and length of each data record's bytes, for a rebuild: pairs in {@link #records}. */
    long[] records = new long[64];
    /** Header position and length of each metadata document after the store header (the indexes): pairs. */
    long[] metadata = new long[16];
    int metadataDocuments;
    /** The store header's bytes (for {@link IndexCheck}). */
    byte[] storeHeader = new byte[0];

    private FileWindow window;

    private CycleFileScan(final Path file)
    {
        this.file = file;
    }

    /**
     * @param file a cycle file.
     * @return what the walk found.
     * @throws IOException when the file cannot be read.
     */
    static CycleFileScan scan(final Path file) throws IOException
    {
        final CycleFileScan scan = new CycleFileScan(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            scan.window = new FileWindow(channel, BUFFER_BYTES);
            scan.fileLength = channel.size();
            scan.walk();
        }
        finally
        {
            scan.window = null;
        }
        return scan;
    }

    /**
     * @param file a cycle file that does not exist.
     * @return a scan of no records.
     */
    static CycleFileScan empty(final Path file)
    {
        return new CycleFileScan(file);
    }

    /**
     * @return the longest data record's length.
     */
    int maxRecordLength()
    {
        long max = 0;
        for (int i = 0; i < dataRecords; i++)
        {
            max = Math.max(max, records[2 * i + 1]);
        }
        return (int)max;
    }

    /**
     * @return records the store header says were written after the damage (whole ones), or -1 when unknown.
     */
    long lostRecords()
    {
        if (damageOffset < 0 || incompleteTailOnly)
        {
            return 0;
        }
        return headerLastSequence < 0 ? -1 : Math.max(0, headerLastSequence + 1 - dataRecords);
    }

    /**
     * Read a data record's bytes into {@code into} (cleared first).
     */
    void readRecord(final FileChannel source, final int record, final ByteBuffer into) throws IOException
    {
        into.clear();
        into.limit((int)records[2 * record + 1]);
        long position = records[2 * record];
        while (into.hasRemaining())
        {
            final int read = source.read(into, position);
            if (read < 0)
            {
                throw new IOException(file + " shrank while it was repaired");
            }
            position += read;
        }
        into.flip();
    }

    private void walk() throws IOException
    {
        long position = 0;
        boolean first = true;
        boolean reachedWritePosition = false;
        long lastDocument = -1;
        while (true)
        {
            if (position + Integer.BYTES > fileLength)
            {
                if (first)
                {
                    damage(0, "no store header: the file is empty or was cut inside its header");
                }
                else if (position < fileLength)
                {
                    damage(position, "the file ends " + (fileLength - position) + " bytes into a record header");
                }
                break;
            }
            final int header = readInt(position);
            if (header == 0)
            {
                if (first)
                {
                    damage(0, "no store header: the file is empty or was cut inside its header");
                }
                break;
            }
            if (header == END_OF_DATA)
            {
                endOfCycle = true;
                position += Integer.BYTES;
                break;
            }
            final long length = header & LENGTH_MASK;
            if ((header & NOT_COMPLETE) != 0)
            {
                damage(position, "a record that was never completed (its writer died while writing it)");
                // Nothing can follow a record still being written (one writer, under Chronicle's lock): the bytes
                // after it are its own. Complete records were lost only if the store header counts more.
                incompleteTailOnly = headerLastSequence < 0 || headerLastSequence < dataRecords;
                break;
            }
            if (position + Integer.BYTES + length > fileLength)
            {
                damage(position, "a record of " + length + " bytes runs past the end of the file (" + fileLength +
                    " bytes): the file was cut short");
                break;
            }
            if (first && (header & META_DATA) == 0)
            {
                damage(0, "no store header: the file does not start with one");
                break;
            }
            if ((header & META_DATA) != 0)
            {
                if (first)
                {
                    readStoreHeader(position + Integer.BYTES, (int)Math.min(length, BUFFER_BYTES / 2));
                }
                else
                {
                    addMetadata(position, length);
                }
            }
            else
            {
                addRecord(position + Integer.BYTES, length);
            }
            first = false;
            lastDocument = position;
            reachedWritePosition |= position == headerWritePosition;
            position = (position + Integer.BYTES + length + 3) & ~3L;
        }
        if (damageOffset < 0 && !endOfCycle && !zeroFrom(position))
        {
            // What a writer killed in the middle of a record leaves when the header is published last; or a record
            // header zeroed in the middle of the file, which the store header's count tells apart.
            damage(position, "bytes that are not a record follow the last record (a record left unfinished, or a " +
                "damaged record header)");
            incompleteTailOnly = headerLastSequence < 0 || headerLastSequence < dataRecords;
        }
        if (damageOffset < 0 && headerWritePosition > 0 && !reachedWritePosition)
        {
            damage(position, "the store header says the last record starts at byte " + headerWritePosition +
                ", beyond the last whole record: the file was cut short or zeroed");
        }
        if (damageOffset < 0 && headerLastSequence >= 0 && headerLastSequence + 1 != dataRecords && !endOfCycle)
        {
            damage(position, "the store header counts " + (headerLastSequence + 1) + " records, the walk found " +
                dataRecords + " (a record header is damaged)");
        }
        if (damageOffset < 0)
        {
            final String index = IndexCheck.check(this);
            if (index != null)
            {
                damage(position, index);
            }
        }
    }

    private void addMetadata(final long headerPosition, final long length)
    {
        final int at = 2 * metadataDocuments;
        if (at + 2 > metadata.length)
        {
            metadata = java.util.Arrays.copyOf(metadata, metadata.length * 2);
        }
        metadata[at] = headerPosition;
        metadata[at + 1] = length;
        metadataDocuments++;
    }

    long readLong(final long position) throws IOException
    {
        return window.readLong(position);
    }

    int readUnsignedByte(final long position) throws IOException
    {
        return window.readByte(position) & 0xFF;
    }

    private int readInt(final long position) throws IOException
    {
        return window.readInt(position);
    }

    private byte readByte(final long position) throws IOException
    {
        return window.readByte(position);
    }

    private boolean zeroFrom(final long from) throws IOException
    {
        return window.zeroFrom(from, fileLength);
    }

    private void damage(final long offset, final String why)
    {
        damageOffset = offset;
        reason = why;
    }

    private void addRecord(final long offset, final long length)
    {
        final int at = (int)(2 * dataRecords);
        if (at + 2 > records.length)
        {
            records = java.util.Arrays.copyOf(records, records.length * 2);
        }
        records[at] = offset;
        records[at + 1] = length;
        dataRecords++;
    }

    /**
     * Find {@code writePosition} in the store header, written by Chronicle's binary wire as the field name, optional
     * padding, then an int64 array (capacity, used, values): value 0 is the start of the last record, value 1 packs
     * that start (high 32 bits) with the record's sequence in the cycle (low 32 bits).
     */
    private void readStoreHeader(final long offset, final int length) throws IOException
    {
        final byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++)
        {
            bytes[i] = readByte(offset + i);
        }
        storeHeader = bytes;
        final int name = indexOf(bytes, WRITE_POSITION);
        if (name < 0)
        {
            return;
        }
        final ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int at = name + WRITE_POSITION.length;
        while (at < length && (bytes[at] & 0xFF) != I64_ARRAY)
        {
            final int code = bytes[at] & 0xFF;
            if (code == PADDING)
            {
                at++;
            }
            else if (code == PADDING32 && at + 5 <= length)
            {
                at += 5 + header.getInt(at + 1);
            }
            else
            {
                return;
            }
        }
        if (at + 1 + 4 * Long.BYTES > length || header.getLong(at + 1 + Long.BYTES) < 2)
        {
            return;
        }
        headerWritePosition = header.getLong(at + 1 + 2 * Long.BYTES);
        final long packed = header.getLong(at + 1 + 3 * Long.BYTES);
        if (headerWritePosition >= 0 && (packed >>> 32) == (headerWritePosition & 0xFFFF_FFFFL))
        {
            headerLastSequence = packed & 0xFFFF_FFFFL;
        }
    }

    static int indexOf(final byte[] bytes, final byte[] part)
    {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++)
        {
            for (int j = 0; j < part.length; j++)
            {
                if (bytes[i + j] != part[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
