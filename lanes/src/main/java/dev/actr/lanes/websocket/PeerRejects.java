package dev.actr.lanes.websocket;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.proto.PeerSessionMessage;
import io.netty.buffer.ByteBuf;

/**
 * Recognises a {@code PeerSessionMessage{reject}} that arrives where a lane frame was expected: the responder
 * refused the initiator's finish after the initiator had become ready. Error path only.
 */
final class PeerRejects
{
    /** Tag of {@code PeerSessionMessage.reject}: field 4, length-delimited. */
    private static final int REJECT_TAG = 4 << 3 | 2;

    private PeerRejects()
    {
    }

    static boolean isReject(final ByteBuf content)
    {
        if (content.readableBytes() == 0 || content.getUnsignedByte(content.readerIndex()) != REJECT_TAG)
        {
            return false;
        }
        final byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        try
        {
            return PeerSessionMessage.parseFrom(bytes).hasReject();
        }
        catch (final InvalidProtocolBufferException ex)
        {
            return false;
        }
    }
}
