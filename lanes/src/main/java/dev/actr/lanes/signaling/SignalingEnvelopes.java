package dev.actr.lanes.signaling;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.proto.ActrToSignaling;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.CredentialRenewRequest;
import dev.actr.codec.proto.EnvelopeError;
import dev.actr.codec.proto.NodeSelectionCriteria;
import dev.actr.codec.proto.Ping;
import dev.actr.codec.proto.RouteCandidatesRequest;
import dev.actr.codec.proto.SignalingEnvelope;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;

/**
 * Encoding and decoding of {@code SignalingEnvelope}s in WebSocket binary frames, and the error envelope.
 */
final class SignalingEnvelopes
{
    /** The envelope version spoken. */
    static final int VERSION = 1;

    private SignalingEnvelopes()
    {
    }

    static BinaryWebSocketFrame frame(final ByteBufAllocator allocator, final SignalingEnvelope envelope)
    {
        final byte[] bytes = envelope.toByteArray();
        final ByteBuf buf = allocator.buffer(bytes.length);
        buf.writeBytes(bytes);
        return new BinaryWebSocketFrame(buf);
    }

    /**
     * @param buf a binary frame's content.
     * @return the envelope.
     * @throws InvalidProtocolBufferException when it does not decode.
     */
    static SignalingEnvelope decode(final ByteBuf buf) throws InvalidProtocolBufferException
    {
        return SignalingEnvelope.parseFrom(buf.nioBuffer());
    }

    static SignalingEnvelope.Builder envelope(final String envelopeId, final String replyFor)
    {
        final SignalingEnvelope.Builder builder = SignalingEnvelope.newBuilder()
            .setEnvelopeVersion(VERSION)
            .setEnvelopeId(envelopeId);
        if (replyFor != null)
        {
            builder.setReplyFor(replyFor);
        }
        return builder;
    }

    static SignalingEnvelope error(final String envelopeId, final String replyFor, final int code, final String message)
    {
        return envelope(envelopeId, replyFor)
            .setEnvelopeError(EnvelopeError.newBuilder().setCode(code).setMessage(message))
            .build();
    }

    static ActrToSignaling.Builder ping()
    {
        return ActrToSignaling.newBuilder().setPing(Ping.newBuilder().setAvailability(1));
    }

    static ActrToSignaling.Builder renewRequest()
    {
        return ActrToSignaling.newBuilder().setCredentialRenewRequest(CredentialRenewRequest.getDefaultInstance());
    }

    static ActrToSignaling.Builder discoveryRequest(final ActrType type, final NodeSelectionCriteria criteria)
    {
        final RouteCandidatesRequest.Builder request = RouteCandidatesRequest.newBuilder().setTargetType(type);
        if (criteria != null)
        {
            request.setCriteria(criteria);
        }
        return ActrToSignaling.newBuilder().setRouteCandidatesRequest(request);
    }
}
