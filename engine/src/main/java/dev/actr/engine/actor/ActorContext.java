package dev.actr.engine.actor;

import com.google.protobuf.MessageLite;
import com.google.protobuf.Parser;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.PayloadType;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;

/**
 * What an actor can do, from a handler, a continuation or a lifecycle hook. Valid only on the engine thread.
 * Arguments are checked on the calling thread: a null destination, route key, message or parser, or a timeout that
 * is not positive, throws {@link IllegalArgumentException} (or {@link NullPointerException}) and sends nothing.
 * Request-scoped accessors ({@link #caller()}, {@link #requestId()}, {@link #remainingNs()}) describe the
 * request being handled, and are empty outside one.
 */
public interface ActorContext
{
    /** {@link #sendChunk} result: the chunk was accepted. */
    int SEND_OK = 0;
    /** {@link #sendChunk} result: the destination's reliable stream is full; send again later. */
    int SEND_BACK_PRESSURED = -1;
    /** {@link #sendChunk} result: the destination cannot be reached (no such actor, stream or lane). */
    int SEND_UNREACHABLE = -2;

    /**
     * @return this actor's id.
     */
    ActrId self();

    /**
     * @return the id of the actor whose request is being handled, or {@code null} when it came from the host.
     */
    ActrId caller();

    /**
     * @return true when the request being handled came from the host.
     */
    boolean callerIsHost();

    /**
     * @return the request id of the request being handled, or {@code null} outside one.
     */
    String requestId();

    /**
     * @return time left before the request being handled expires, or the node's default call deadline
     * outside a request.
     */
    long remainingNs();

    /**
     * @return the engine's clock; read time only through it so that a replay is deterministic.
     */
    EpochNanoClock clock();

    /**
     * Call another actor with the remaining deadline of the current request (or the node default).
     *
     * @param dest     where to.
     * @param routeKey route of the method.
     * @param request  request message.
     * @param parser   of the response message.
     * @param <R>      response type.
     * @return the reply handle; attach a continuation with {@link Reply#then}.
     */
    <R> Reply<R> call(Dest dest, String routeKey, MessageLite request, Parser<R> parser);

    /**
     * Call another actor with an explicit deadline (capped by the current request's remaining deadline).
     *
     * @param dest      where to.
     * @param routeKey  route of the method.
     * @param request   request message.
     * @param parser    of the response message.
     * @param timeoutMs deadline budget, > 0 ({@code Long.MAX_VALUE}: no deadline of its own).
     * @param <R>       response type.
     * @return the reply handle.
     */
    <R> Reply<R> call(Dest dest, String routeKey, MessageLite request, Parser<R> parser, long timeoutMs);

    /**
     * Send a one-way message.
     *
     * @param dest     where to.
     * @param routeKey route of the method.
     * @param message  the message.
     * @return true when it was sent; false when the destination is unreachable or the ingress is full.
     */
    boolean tell(Dest dest, String routeKey, MessageLite message);

    /**
     * Send a data chunk on the stream fast path.
     *
     * @param dest        where to.
     * @param chunk       the chunk (its stream_id names the destination's stream).
     * @param payloadType STREAM_RELIABLE (pushes back when the destination's stream is full) or
     *                    STREAM_LATENCY_FIRST (the destination drops its oldest chunk instead).
     * @return {@link #SEND_OK}, {@link #SEND_BACK_PRESSURED} or {@link #SEND_UNREACHABLE}.
     */
    int sendChunk(Dest dest, DataChunk chunk, PayloadType payloadType);

    /**
     * Receive the chunks of a stream.
     *
     * @param streamId    the stream.
     * @param payloadType STREAM_RELIABLE or STREAM_LATENCY_FIRST.
     * @param handler     called for each chunk, in order.
     */
    void registerStream(String streamId, PayloadType payloadType, StreamHandler handler);

    /**
     * Stop receiving a stream; its queued chunks are discarded.
     *
     * @param streamId the stream.
     */
    void unregisterStream(String streamId);

    /**
     * Promise to reply later; the handler then returns {@code null}.
     *
     * @param <R> response type.
     * @return the handle to reply through, from a continuation.
     */
    <R extends MessageLite> DeferredReply<R> defer();

    /**
     * Answer the current request with an error; the handler then returns {@code null}.
     *
     * @param errorCode {@code ErrorResponse.code}.
     * @param message   {@code ErrorResponse.message}.
     */
    void fail(int errorCode, String message);

    /**
     * Answer the current request with raw payload bytes (raw handlers).
     *
     * @param buffer holding the payload.
     * @param offset of the payload.
     * @param length of the payload.
     */
    void replyRaw(DirectBuffer buffer, int offset, int length);

    /**
     * Record a durable effect of the request (or tell) being handled: bytes the runtime commits in the same
     * journal document as the request's answer, so that however often a crash makes the request run again, its
     * effects are committed exactly once. Consumers read them with {@code ActrNode.effectReader} (a
     * transactional outbox). Effects are committed in the order recorded, when the reply is sent (for a deferred
     * request, when the deferred reply is) or when a tell's handler returns; they are discarded when the handler
     * throws or returns no reply, or when a deferred request's deadline passes first. Record them before replying.
     * At most 1 MiB per request.
     *
     * @param buffer holding the effect (copied).
     * @param offset of the effect.
     * @param length of the effect.
     * @throws IllegalStateException outside a request or tell, after its reply, or when the node has no
     *                               directory to commit effects to.
     */
    void effect(DirectBuffer buffer, int offset, int length);

    /**
     * Call another actor under a pre-encoded route key, with the remaining deadline of the current request (or the
     * node default); the call travels on the key's payload type. Looks nothing up by string.
     *
     * @param dest     where to.
     * @param routeKey route of the method.
     * @param request  request message.
     * @param parser   of the response message.
     * @param <R>      response type.
     * @return the reply handle.
     */
    <R> Reply<R> call(Dest dest, RouteKey routeKey, MessageLite request, Parser<R> parser);

    /**
     * Call another actor under a pre-encoded route key with an explicit deadline (capped by the current request's
     * remaining deadline).
     *
     * @param dest      where to.
     * @param routeKey  route of the method.
     * @param request   request message.
     * @param parser    of the response message.
     * @param timeoutMs deadline budget, > 0.
     * @param <R>       response type.
     * @return the reply handle.
     */
    <R> Reply<R> call(Dest dest, RouteKey routeKey, MessageLite request, Parser<R> parser, long timeoutMs);

    /**
     * Send a one-way message under a pre-encoded route key.
     *
     * @param dest     where to.
     * @param routeKey route of the method.
     * @param message  the message.
     * @return true when it was sent; false when the destination is unreachable or its queue is full.
     */
    boolean tell(Dest dest, RouteKey routeKey, MessageLite message);

    /**
     * Find peers of other nodes by actor type, through the node's discovery (the signaling service). The
     * continuation runs on the engine thread with the ids found (possibly none), or an error when the discovery
     * failed, has no time left, or the node has none ({@code Unavailable}). Call one with {@code Dest.peer(id)}.
     *
     * @param type the actor type wanted.
     * @return the reply handle.
     */
    Reply<java.util.List<ActrId>> discover(dev.actr.codec.proto.ActrType type);
}
