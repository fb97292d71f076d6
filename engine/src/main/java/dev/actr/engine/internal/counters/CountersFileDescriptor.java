package dev.actr.engine.internal.counters;

import org.agrona.concurrent.status.CountersReader;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Layout of a node's {@code counters.dat}: a header of 128 bytes, then an Agrona counters metadata buffer, then its
 * values buffer (the layout {@link CountersReader} reads). Little-endian, as Agrona writes.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |            Layout version (0 while the file is made)          |   0
 *  +---------------------------------------------------------------+
 *  |            Node status: 1 running, 2 closed                   |   4
 *  +---------------------------------------------------------------+
 *  |            Pid of the node's process                          |   8
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |            Start time of that process, epoch ms (0: unknown)  |  16
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |            Time the node made the file, epoch ms              |  24
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |            Time the node closed, epoch ms (0 while running)   |  32
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |            Metadata buffer length                             |  40
 *  +---------------------------------------------------------------+
 *  |            Values buffer length                               |  44
 *  +---------------------------------------------------------------+
 *  |            Reserved, zero, up to byte 128                    ...
 *  +---------------------------------------------------------------+
 *  |            Metadata buffer: 512 bytes per counter            ... 128
 *  +---------------------------------------------------------------+
 *  |            Values buffer: 128 bytes per counter              ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * The version is written last when the file is made, so a reader that sees it sees the whole header. The process
 * start time tells a live node from a dead one whose pid was reused.
 */
public final class CountersFileDescriptor
{
    /** Name of the file in the node's directory. */
    public static final String FILE_NAME = "counters.dat";
    /** Layout version this code writes and reads. */
    public static final int VERSION = 1;
    /** Status of a running node. */
    public static final int STATUS_RUNNING = 1;
    /** Status of a node that closed. */
    public static final int STATUS_CLOSED = 2;

    /** Offset of the layout version. */
    public static final int VERSION_OFFSET = 0;
    /** Offset of the node status. */
    public static final int STATUS_OFFSET = 4;
    /** Offset of the pid. */
    public static final int PID_OFFSET = 8;
    /** Offset of the process start time. */
    public static final int PROCESS_START_MS_OFFSET = 16;
    /** Offset of the node start time. */
    public static final int NODE_START_MS_OFFSET = 24;
    /** Offset of the close time. */
    public static final int CLOSE_MS_OFFSET = 32;
    /** Offset of the metadata buffer length. */
    public static final int METADATA_LENGTH_OFFSET = 40;
    /** Offset of the values buffer length. */
    public static final int VALUES_LENGTH_OFFSET = 44;
    /** Length of the header; the metadata buffer starts here. */
    public static final int HEADER_LENGTH = 128;

    /** Type id of a {@link dev.actr.engine.SystemCounter}; its key is the counter's id (int). */
    public static final int SYSTEM_COUNTER_TYPE_ID = 1;
    /** Type id of a route latency counter; its key is the route index (int) then the statistic (int). */
    public static final int ROUTE_LATENCY_TYPE_ID = 2;
    /** Charset of the counter labels. */
    public static final Charset LABEL_CHARSET = StandardCharsets.UTF_8;

    private CountersFileDescriptor()
    {
    }

    /**
     * @param counters how many counters the file holds.
     * @return length of the values buffer.
     */
    public static int valuesLength(final int counters)
    {
        return counters * CountersReader.COUNTER_LENGTH;
    }

    /**
     * @param counters how many counters the file holds.
     * @return length of the metadata buffer.
     */
    public static int metadataLength(final int counters)
    {
        return counters * CountersReader.METADATA_LENGTH;
    }

    /**
     * @param counters how many counters the file holds.
     * @return length of the whole file.
     */
    public static int fileLength(final int counters)
    {
        return HEADER_LENGTH + metadataLength(counters) + valuesLength(counters);
    }
}
