package dev.actr.journal.replay;

/**
 * What a dispatch record gave an actor ({@link JournalRecord#inputType()}).
 */
public final class DispatchInput
{
    /**
     * A request or tell for the actor: the bytes are the mailbox record, a
     * {@link dev.actr.journal.mailbox.MailboxRecordDescriptor} header followed by the {@code RpcEnvelope}.
     */
    public static final int MESSAGE = 1;
    /** A response completing a call the actor made: the bytes are the {@code RpcEnvelope}. */
    public static final int RESPONSE = 2;
    /** A call the actor made timed out: no bytes; the correlation id says which call. */
    public static final int TIMEOUT = 3;
    /** A stream chunk for the actor: the bytes are the {@code DataChunk}. */
    public static final int CHUNK = 4;
    /** The deadline of a reply the actor deferred passed: the correlation id says which request. */
    public static final int DEFERRED_TIMEOUT = 5;
    /**
     * A durable node started a run: no actor, no bytes; the correlation id is the base its correlation ids start
     * from (so that a replay hands out the same ids).
     */
    public static final int START = 6;
    /**
     * A peer of another node connected: the caller index is the index the peer was given, the bytes are its
     * encoded {@code ActrId}; every actor's {@code onPeerConnected} ran (so that a replay gives peers the same
     * indices and runs the same hooks).
     */
    public static final int PEER_CONNECTED = 7;
    /**
     * A peer's connection closed: the caller index is the peer's, the correlation id the reason; its pending calls
     * failed and every actor's {@code onPeerDisconnected} ran.
     */
    public static final int PEER_DISCONNECTED = 8;
    /**
     * A discovery the actor asked for completed: the correlation id says which; the bytes are a
     * {@code RouteCandidatesOk} with the ids found, or empty when the discovery failed.
     */
    public static final int DISCOVERED = 9;

    private DispatchInput()
    {
    }

    /**
     * @param inputType a dispatch input type.
     * @return its name, or {@code INPUT_<n>} for a number this version does not know.
     */
    public static String name(final int inputType)
    {
        switch (inputType)
        {
            case MESSAGE:
                return "MESSAGE";
            case RESPONSE:
                return "RESPONSE";
            case TIMEOUT:
                return "TIMEOUT";
            case CHUNK:
                return "CHUNK";
            case DEFERRED_TIMEOUT:
                return "DEFERRED_TIMEOUT";
            case START:
                return "START";
            case PEER_CONNECTED:
                return "PEER_CONNECTED";
            case PEER_DISCONNECTED:
                return "PEER_DISCONNECTED";
            case DISCOVERED:
                return "DISCOVERED";
            default:
                return "INPUT_" + inputType;
        }
    }
}
