package dev.actr.codec;

/**
 * Outcome of a decode step. Decoders return these instead of throwing, so bad bytes from a peer cost a
 * branch, not a stack trace. Every value but {@link #OK} is an error with a fixed description.
 */
public enum CodecStatus
{
    /** The input was valid and was consumed. */
    OK("ok"),
    /** Fewer bytes than the header or the declared length need. */
    TRUNCATED("truncated: fewer bytes than the header or declared length"),
    /** Bytes left over after a complete frame where exactly one frame was expected. */
    TRAILING_BYTES("trailing bytes after a complete frame"),
    /** The payload type byte is not a known {@code PayloadType}. */
    UNKNOWN_PAYLOAD_TYPE("unknown payload type"),
    /** A declared or actual length above the configured maximum. */
    OVERSIZE("length above the configured maximum"),
    /** A fragment whose {@code frag_index >= total_frags}. */
    FRAGMENT_INDEX_OUT_OF_RANGE("frag_index >= total_frags"),
    /** A fragment whose {@code total_frags == 0}. */
    ZERO_TOTAL_FRAGMENTS("total_frags == 0"),
    /** A fragment whose {@code total_frags} disagrees with an earlier fragment of the same message. */
    TOTAL_MISMATCH("total_frags disagrees with an earlier fragment of the same msg_id"),
    /** A fragment index that already arrived for this message. */
    DUPLICATE_FRAGMENT("duplicate fragment"),
    /** A fragment of a multi-fragment message that carries no payload bytes. */
    EMPTY_FRAGMENT("empty fragment in a multi-fragment message"),
    /** A message whose reassembled size would exceed the maximum message length. */
    MESSAGE_TOO_LARGE("message larger than the maximum message length"),
    /** The reassembler could not make room for the fragment within its memory bound. */
    REASSEMBLY_FULL("reassembly buffer full"),
    /** Bytes that do not parse as the expected protobuf message. */
    MALFORMED_MESSAGE("malformed protobuf message"),
    /** {@code timeout_ms} must be positive for a REQUEST and absent or zero otherwise. */
    INVALID_DEADLINE("timeout_ms must be > 0 for a REQUEST and 0 otherwise"),
    /** An envelope direction that is missing or unspecified. */
    INVALID_DIRECTION("direction missing or UNSPECIFIED"),
    /** A malformed {@code ActrId} text form. */
    INVALID_ACTR_ID("malformed ActrId text");

    private final String description;

    CodecStatus(final String description)
    {
        this.description = description;
    }

    /**
     * @return a short human readable description of this outcome.
     */
    public String description()
    {
        return description;
    }
}
