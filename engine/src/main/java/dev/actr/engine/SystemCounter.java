package dev.actr.engine;

/**
 * The node's system counters, each with a stable id and a label. Read them with
 * {@link ActrNode#counter(SystemCounter)} from any thread.
 */
public enum SystemCounter
{
    /** Frames taken from the ingress ring. */
    FRAMES_IN(0, "frames in"),
    /** Frames whose envelope or chunk did not decode or broke a protocol rule; dropped. */
    FRAMES_MALFORMED(1, "malformed frames dropped"),
    /** Requests enqueued for an actor. */
    REQUESTS(2, "requests"),
    /** Tells enqueued for an actor. */
    TELLS(3, "tells"),
    /** Responses that completed a waiting call. */
    RESPONSES(4, "responses"),
    /** Responses with no waiting call (late, duplicate or unknown); dropped. */
    RESPONSES_UNMATCHED(5, "unmatched responses dropped"),
    /** Calls of this node whose deadline passed before a response. */
    CALLS_TIMED_OUT(6, "calls timed out"),
    /** Requests whose deadline passed while queued; answered TimedOut without running. */
    REQUESTS_EXPIRED(7, "expired requests not run"),
    /** Requests or tells for a route no actor handles. */
    UNKNOWN_ROUTES(8, "unknown routes"),
    /** Requests or tells refused because the mailbox was full. */
    MAILBOX_FULL(9, "mailbox full"),
    /** Handlers or continuations that threw. */
    HANDLER_ERRORS(10, "handler errors"),
    /** Duplicate requests answered from the dedup window, and duplicate tells dropped. */
    DUPLICATES(11, "duplicates suppressed"),
    /** Data chunks delivered to a stream. */
    CHUNKS(12, "chunks delivered"),
    /** Latency-first chunks dropped (oldest first) because their stream was full. */
    CHUNKS_DROPPED(13, "chunks dropped"),
    /** Chunks for a stream nobody registered; dropped. */
    CHUNKS_UNKNOWN_STREAM(14, "chunks for unknown streams"),
    /** Offers refused because the ingress ring was full. */
    RING_BACK_PRESSURED(15, "ingress back-pressured"),
    /** Replies (responses and errors) sent by this node's actors. */
    REPLIES_SENT(16, "replies sent"),
    /** Errors reported to the error handler. */
    ERRORS(17, "errors"),
    /**
     * Answers whose commit record could not be journalled: the reply was not sent and the message stays
     * unacked, to run again after a restart.
     */
    COMMITS_FAILED(18, "commits failed"),
    /** Requests or tells larger than the mailbox stores; refused (a request is answered InvalidArgument). */
    MESSAGES_TOO_LARGE(19, "messages too large for the mailbox"),
    /** Frames that came on a connection the engine does not know (closed meanwhile); dropped. */
    FRAMES_UNKNOWN_CONNECTION(20, "frames from unknown connections"),
    /** Responses whose request id matched a waiting call made to someone else; dropped, the call keeps waiting. */
    RESPONSES_WRONG_SOURCE(21, "responses from the wrong source dropped"),
    /** Calls, tells and chunks to a peer with no connection (answered ConnectionNotReady), and failed connects. */
    PEERS_UNREACHABLE(22, "sends to unreachable peers"),
    /** Peer connections made ready by a lane. */
    PEERS_CONNECTED(23, "peers connected"),
    /** Peer connections closed (their pending calls failed at once). */
    PEERS_DISCONNECTED(24, "peers disconnected"),
    /** Peer connections refused because the peer table was full of connected peers. */
    PEERS_REFUSED(25, "peers refused (table full)"),
    /** Calls and tells of actors their lane or the local queue refused (back-pressured, oversize, closed). */
    SENDS_REFUSED(26, "actor sends refused"),
    /** Replies committed but not delivered: their caller's connection is gone or its queue was full. */
    REPLIES_UNDELIVERED(27, "replies not delivered"),
    /** Handlers that ran longer than the stall bound on the engine thread (reported once each). */
    HANDLER_STALLS(28, "handler stalls"),
    /** Connections to peers asked for on demand (a send to a peer with none). */
    PEER_CONNECTS(29, "peer connects asked for"),
    /** Connections asked for that failed (their parked sends dropped, their calls failed). */
    PEER_CONNECTS_FAILED(30, "peer connects failed"),
    /** Chunks of peers that found their reliable stream full: held, and the ring paused until it had room. */
    CHUNKS_HELD(31, "peer chunks held for a full reliable stream"),
    /** Damaged or torn store files found at launch (mailbox, acks, dead letters, dedup, replay journal). */
    STORE_DAMAGE_DETECTED(32, "store damage detected"),
    /** Of those, repaired at launch: the good records kept, the damaged tail cut off (see the error handler). */
    STORE_DAMAGE_REPAIRED(33, "store damage repaired");

    private final int id;
    private final String label;

    SystemCounter(final int id, final String label)
    {
        this.id = id;
        this.label = label;
    }

    /**
     * @return the counter's stable id.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return the counter's label.
     */
    public String label()
    {
        return label;
    }
}
