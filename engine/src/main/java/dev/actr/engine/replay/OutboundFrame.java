package dev.actr.engine.replay;

import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.RpcEnvelope;
import dev.actr.codec.FrameKind;

import java.util.Arrays;

/**
 * One envelope or chunk an actor sent, or the effects it committed, as recorded or as replayed, compared field by
 * field and byte by byte.
 */
final class OutboundFrame
{
    final int kind;
    final int sender;
    final int target;
    final int payloadType;
    final byte[] bytes;

    OutboundFrame(final int kind, final int sender, final int target, final int payloadType, final byte[] bytes)
    {
        this.kind = kind;
        this.sender = sender;
        this.target = target;
        this.payloadType = payloadType;
        this.bytes = bytes;
    }

    boolean sameAs(final OutboundFrame other)
    {
        return kind == other.kind && sender == other.sender && target == other.target &&
            payloadType == other.payloadType && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public String toString()
    {
        return "[" + describe() + " from " + sender + " to " + target + ", " + bytes.length + " bytes]";
    }

    private String describe()
    {
        try
        {
            if (kind == FrameKind.EFFECTS)
            {
                return "effects " + hex(bytes);
            }
            if (kind == FrameKind.CHUNK)
            {
                final DataChunk chunk = DataChunk.parseFrom(bytes);
                return "chunk " + chunk.getStreamId() + "#" + chunk.getSequence() + " " + chunk.getPayload().toStringUtf8();
            }
            final RpcEnvelope envelope = RpcEnvelope.parseFrom(bytes);
            return envelope.getDirection() + " " + envelope.getRouteKey() + " id=" + envelope.getRequestId() +
                (envelope.hasError() ? " error=" + envelope.getError().getCode() : " payload=" +
                hex(envelope.getPayload().toByteArray()));
        }
        catch (final com.google.protobuf.InvalidProtocolBufferException ex)
        {
            return "undecodable";
        }
    }

    private static String hex(final byte[] payload)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(payload.length, 32); i++)
        {
            text.append(String.format("%02x", payload[i]));
        }
        return payload.length > 32 ? text + "..." : text.toString();
    }
}
