package dev.actr.lanes.websocket;

import dev.actr.codec.CodecStatus;
import dev.actr.codec.frame.LaneFrameDecoder;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import dev.actr.lanes.session.AuthRejection;
import dev.actr.lanes.transport.ByteBufViews;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.agrona.DirectBuffer;

import java.util.concurrent.TimeUnit;

/**
 * The inbound half of a ready connection, on its event loop: checks each binary message is one well-formed lane
 * frame, hands it to the ingress without copying (the ingress copies), and when the ingress pushes back holds the
 * frame (and any that follow from the same read), stops reading, and offers them again after a doubling delay
 * until taken — a reliable frame is never dropped for back-pressure. A malformed or oversize frame closes the
 * connection.
 *
 * <p>NOT thread safe: the connection's event loop owns it.
 */
final class InboundFrames
{
    private static final int REFUSED = Integer.MIN_VALUE;

    private final WebSocketLaneHandler connection;
    private final WebSocketLane lane;
    private final ChannelHandlerContext ctx;
    private final LaneFrameDecoder decoder;
    private final ByteBufViews views = new ByteBufViews();
    private final HeldFrames held;
    private boolean paused;

    InboundFrames(final WebSocketLaneHandler connection, final WebSocketLane lane, final ChannelHandlerContext ctx)
    {
        this.connection = connection;
        this.lane = lane;
        this.ctx = ctx;
        this.decoder = new LaneFrameDecoder(lane.context().maxFrameLength());
        this.held = new HeldFrames(lane.context().ingressRetryInitialNs(), lane.context().ingressRetryMaxNs());
    }

    /**
     * @return true while reading is paused for the ingress.
     */
    boolean isPaused()
    {
        return paused;
    }

    /**
     * @param content one binary message of a ready connection (released by the caller; retained here if held).
     */
    void onMessage(final ByteBuf content)
    {
        if (!held.isEmpty())
        {
            held.add(content.retain());
            return;
        }
        if (deliver(content) == Lane.BACK_PRESSURED)
        {
            held.add(content.retain());
            pause();
        }
    }

    /**
     * The connection closed: drop what is held (no frame of a connection follows its disconnect).
     */
    void onClosed()
    {
        held.releaseAll();
    }

    /**
     * @return the ingress's answer, or {@link #REFUSED} when the frame is refused for good (the connection closes).
     */
    private int deliver(final ByteBuf content)
    {
        final int length = content.readableBytes();
        final DirectBuffer view = views.wrap(content, content.readerIndex(), length);
        final CodecStatus status = decoder.wrapExact(view, 0, length);
        if (status != CodecStatus.OK)
        {
            onUndecodable(status, content);
            return REFUSED;
        }
        final int result = lane.ingress().onFrame(connection.connectionId(), decoder.payloadTypeNumber(), view,
            decoder.payloadOffset(), decoder.payloadLength());
        switch (result)
        {
            case Lane.OK:
                lane.counters().increment(LaneCounter.FRAMES_RECEIVED);
                lane.counters().add(LaneCounter.BYTES_RECEIVED, decoder.payloadLength());
                return result;
            case Lane.BACK_PRESSURED:
                lane.counters().increment(LaneCounter.INGRESS_BACK_PRESSURED);
                return result;
            case Lane.OVERSIZE:
                lane.counters().increment(LaneCounter.FRAMES_OVERSIZE);
                connection.protocolError(WebSocketCloseStatus.MESSAGE_TOO_BIG, "frame larger than this node accepts");
                return REFUSED;
            default:
                lane.counters().increment(LaneCounter.FRAMES_REFUSED_CLOSED);
                connection.close(DisconnectReason.LOCAL_CLOSE);
                return REFUSED;
        }
    }

    private void onUndecodable(final CodecStatus status, final ByteBuf content)
    {
        if (connection.isInitiator() && PeerRejects.isReject(content))
        {
            // the responder refused our finish after we became ready
            lane.authCounters().onRejected(AuthRejection.PEER_REJECTED);
            connection.close(DisconnectReason.AUTH_FAILED);
            return;
        }
        if (status == CodecStatus.OVERSIZE)
        {
            lane.counters().increment(LaneCounter.FRAMES_OVERSIZE);
            connection.protocolError(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                "lane frame over " + lane.context().maxFrameLength());
        }
        else
        {
            lane.counters().increment(LaneCounter.FRAMES_MALFORMED);
            connection.protocolError(WebSocketCloseStatus.PROTOCOL_ERROR,
                "malformed lane frame: " + status.description());
        }
    }

    private void pause()
    {
        paused = true;
        ctx.channel().config().setAutoRead(false);
        held.resetDelay();
        scheduleRetry();
    }

    private void scheduleRetry()
    {
        ctx.executor().schedule(this::retryHeld, held.nextDelayNs(), TimeUnit.NANOSECONDS);
    }

    private void retryHeld()
    {
        while (!held.isEmpty() && ctx.channel().isActive())
        {
            final int result = deliver(held.peek());
            if (result == Lane.BACK_PRESSURED)
            {
                scheduleRetry();
                return;
            }
            if (result == REFUSED)
            {
                held.releaseAll();
                return;
            }
            held.removeFirst();
        }
        paused = false;
        connection.onHeard();
        if (ctx.channel().isActive())
        {
            ctx.channel().config().setAutoRead(true);
        }
    }
}
