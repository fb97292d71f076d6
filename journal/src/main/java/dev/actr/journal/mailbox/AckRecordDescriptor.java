package dev.actr.journal.mailbox;

/**
 * Layout of one record of the durable mailbox's ack journal. All fields little-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------+---------------+-------------------------------+
 *  |     type      |   priority    |           reserved            |
 *  +---------------+---------------+-------------------------------+
 *  |                        reserved (i32)                         |
 *  +---------------------------------------------------------------+
 *  |                  message queue index (i64)                    |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 *  |                  value (i64): attempts, ...                   |
 *  |                                                               |
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Types: {@link #ACK} a message is done; {@link #CHECKPOINT} every message up to the index is done;
 * {@link #POLLED} the message was handed to the engine (counts a delivery attempt if the process dies before
 * its ack); {@link #ATTEMPTS} deliveries a message has had so far; {@link #DEAD} the message went to the dead
 * letter queue (it is done here); {@link #CHECKPOINT_END} closes a checkpoint.
 *
 * <p>A checkpoint of one priority is a run of records: CHECKPOINT, then the facts above its index that the
 * records before it held (ACK for acks ahead of the index, POLLED, ATTEMPTS), then CHECKPOINT_END with the same
 * index. A restart stops reading back only at a checkpoint whose end it read: a process that died inside the run
 * left a torn checkpoint, whose watermark and records are true but incomplete, so reading goes on back to the
 * previous complete one.
 */
final class AckRecordDescriptor
{
    static final int TYPE_OFFSET = 0;
    static final int PRIORITY_OFFSET = 1;
    static final int INDEX_OFFSET = 8;
    static final int VALUE_OFFSET = 16;
    static final int LENGTH = 24;

    static final byte ACK = 1;
    static final byte CHECKPOINT = 2;
    static final byte POLLED = 3;
    static final byte ATTEMPTS = 4;
    static final byte DEAD = 5;
    static final byte CHECKPOINT_END = 6;

    /** Index meaning "none" (before the first message). */
    static final long NONE = -1;

    private AckRecordDescriptor()
    {
    }
}
