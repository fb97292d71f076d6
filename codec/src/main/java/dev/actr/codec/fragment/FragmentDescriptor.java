package dev.actr.codec.fragment;

/**
 * Layout of one WebRTC DataChannel message carrying a fragment. All fields big-endian.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                         msg_id (u32)                          |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |      frag_index (u16)         |      total_frags (u16)        |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  fragment payload (at most 65,527 bytes) ...                ...
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * Rules: {@code total_frags >= 1}; {@code frag_index < total_frags}; every fragment of a message carries the
 * same {@code total_frags}; a fragment of a multi-fragment message carries at least one payload byte;
 * {@code total_frags == 1} is a whole message.
 */
public final class FragmentDescriptor
{
    /** Offset of the u32 message id. */
    public static final int MSG_ID_OFFSET = 0;
    /** Offset of the u16 fragment index. */
    public static final int FRAG_INDEX_OFFSET = 4;
    /** Offset of the u16 fragment count. */
    public static final int TOTAL_FRAGS_OFFSET = 6;
    /** Length of the header; the fragment payload starts here. */
    public static final int HEADER_LENGTH = 8;
    /** Largest DataChannel message, header included. */
    public static final int MAX_FRAGMENT_LENGTH = 65_535;
    /** Largest fragment payload. */
    public static final int MAX_FRAGMENT_PAYLOAD_LENGTH = MAX_FRAGMENT_LENGTH - HEADER_LENGTH;
    /** Largest number of fragments of one message (u16). */
    public static final int MAX_TOTAL_FRAGMENTS = 0xFFFF;

    private FragmentDescriptor()
    {
    }
}
