package dev.actr.lanes.websocket;

import dev.actr.codec.CodecStatus;
import dev.actr.codec.frame.LaneFrameDecoder;
import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.Lane;
import dev.actr.lanes.session.AuthRejection;
import dev.actr.lanes.session.PeerSession;
import dev.actr.lanes.session.PeerSessionState;
import dev.actr.lanes.transport.ByteBufViews;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket lane connection, on its Netty event loop: runs the peer session handshake, then delivers lane
 * frames to the ingress (holding them and pausing reads while it pushes back), pings the peer and measures RTT,
 * and reports the connection's end with its reason. Never blocks; touches no engine state (only the ingress).
 */
final class WebSocketLaneHandler extends ChannelInboundHandlerAdapter
{
    private static final int PING_LENGTH = 8;
    private static final int DROPPED = Integer.MIN_VALUE;

    private final WebSocketLane lane;
    private final WebSocketLaneContext config;
    private final ActrId expectedPeer;
    private final LaneFrameDecoder decoder;
    private final ByteBufViews views = new ByteBufViews();
    private final HeldFrames held;
    private ChannelHandlerContext ctx;
    private PeerSession session;
    private ScheduledFuture<?> handshakeTimeout;
    private ScheduledFuture<?> keepAlive;
    private volatile long connectionId = -1;
    private ActrId peer;
    private int closeReason;
    private boolean peerSentClose;
    private boolean paused;
    private long lastHeardNs;
    private volatile long lastRttNs = -1;
    private volatile long smoothedRttNs = -1;

    WebSocketLaneHandler(final WebSocketLane lane, final ActrId expectedPeer)
    {
        this.lane = lane;
        this.config = lane.context();
        this.expectedPeer = expectedPeer;
        this.decoder = new LaneFrameDecoder(config.maxFrameLength());
        this.held = new HeldFrames(config.ingressRetryInitialNs(), config.ingressRetryMaxNs());
    }

    // ---- any thread ----

    long connectionId()
    {
        return connectionId;
    }

    ActrId peer()
    {
        return peer;
    }

    long lastRttNs()
    {
        return lastRttNs;
    }

    long smoothedRttNs()
    {
        return smoothedRttNs;
    }

    io.netty.channel.Channel channel()
    {
        return ctx.channel();
    }

    void closeFromLane(final int reason)
    {
        ctx.executor().execute(() -> close(reason));
    }

    // ---- event loop ----

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
        lane.track(this, ctx.channel());
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx) throws Exception
    {
        lastHeardNs = config.nanoClock().nanoTime();
        handshakeTimeout = ctx.executor().schedule(this::onHandshakeTimeout, config.handshakeTimeoutMs(),
            TimeUnit.MILLISECONDS);
        super.channelActive(ctx);
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete ||
            event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
        {
            session = expectedPeer == null ? lane.authenticator().responder() : lane.authenticator().initiator(expectedPeer);
            if (expectedPeer != null)
            {
                step(session.start());
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        try
        {
            lastHeardNs = config.nanoClock().nanoTime();
            if (msg instanceof BinaryWebSocketFrame)
            {
                onBinary(((BinaryWebSocketFrame)msg).content());
            }
            else if (msg instanceof PongWebSocketFrame)
            {
                onPong(((PongWebSocketFrame)msg).content());
            }
            else if (msg instanceof CloseWebSocketFrame)
            {
                peerSentClose = true;
                close(DisconnectReason.PEER_CLOSE);
            }
            else if (msg instanceof WebSocketFrame && !(msg instanceof PingWebSocketFrame))
            {
                lane.counters().increment(LaneCounter.FRAMES_MALFORMED);
                protocolError(WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "lane frames travel in binary messages");
            }
        }
        finally
        {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onBinary(final ByteBuf content)
    {
        if (session == null || session.state() == PeerSessionState.CLOSING)
        {
            return;
        }
        if (session.state() != PeerSessionState.READY)
        {
            final byte[] bytes = new byte[content.readableBytes()];
            content.getBytes(content.readerIndex(), bytes);
            step(session.onMessage(bytes));
            return;
        }
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
     * @return the ingress's answer, or {@link #DROPPED} when the frame was refused for good (connection closing).
     */
    private int deliver(final ByteBuf content)
    {
        final int length = content.readableBytes();
        final DirectBuffer view = views.wrap(content, content.readerIndex(), length);
        final CodecStatus status = decoder.wrapExact(view, 0, length);
        if (status != CodecStatus.OK)
        {
            onUndecodable(status, content);
            return DROPPED;
        }
        final int result = lane.ingress().onFrame(connectionId, decoder.payloadTypeNumber(), view,
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
                protocolError(WebSocketCloseStatus.MESSAGE_TOO_BIG, "frame larger than this node accepts");
                return DROPPED;
            default:
                lane.counters().increment(LaneCounter.FRAMES_REFUSED_CLOSED);
                close(DisconnectReason.LOCAL_CLOSE);
                return DROPPED;
        }
    }

    private void onUndecodable(final CodecStatus status, final ByteBuf content)
    {
        if (expectedPeer != null && PeerRejects.isReject(content))
        {
            // the responder refused our finish after we became ready
            lane.authCounters().onRejected(AuthRejection.PEER_REJECTED);
            close(DisconnectReason.AUTH_FAILED);
            return;
        }
        if (status == CodecStatus.OVERSIZE)
        {
            lane.counters().increment(LaneCounter.FRAMES_OVERSIZE);
            protocolError(WebSocketCloseStatus.MESSAGE_TOO_BIG, "lane frame over " + config.maxFrameLength());
        }
        else
        {
            lane.counters().increment(LaneCounter.FRAMES_MALFORMED);
            protocolError(WebSocketCloseStatus.PROTOCOL_ERROR, "malformed lane frame: " + status.description());
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
            if (deliver(held.peek()) == Lane.BACK_PRESSURED)
            {
                scheduleRetry();
                return;
            }
            held.removeFirst();
        }
        paused = false;
        lastHeardNs = config.nanoClock().nanoTime();
        if (ctx.channel().isActive())
        {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void step(final int result)
    {
        final byte[] output = session.takeOutput();
        if (output != null)
        {
            ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(output)));
        }
        switch (result)
        {
            case PeerSession.READY:
                becomeReady();
                break;
            case PeerSession.REJECTED:
                onRejected(session.rejection());
                break;
            case PeerSession.PEER_REJECTED:
                close(DisconnectReason.AUTH_FAILED);
                break;
            case PeerSession.AWAIT_SIGNING_KEY:
                config.keyResolver().fetchSigningKey(session.missingKeyId()).whenComplete((ignored, failure) ->
                    ctx.executor().execute(() ->
                    {
                        if (ctx.channel().isActive() && session.state() != PeerSessionState.CLOSING)
                        {
                            step(session.retry());
                        }
                    }));
                break;
            default:
                break;
        }
    }

    private void onRejected(final AuthRejection rejection)
    {
        if (rejection == AuthRejection.MALFORMED || rejection == AuthRejection.UNEXPECTED_MESSAGE ||
            rejection == AuthRejection.UNSUPPORTED_VERSION)
        {
            lane.counters().increment(LaneCounter.FRAMES_MALFORMED);
            close(DisconnectReason.PROTOCOL_ERROR);
        }
        else
        {
            close(DisconnectReason.AUTH_FAILED);
        }
    }

    private void becomeReady()
    {
        handshakeTimeout.cancel(false);
        peer = session.peer().id();
        connectionId = lane.ingress().nextConnectionId();
        lane.onReady(this);
        final long intervalMs = config.keepAliveIntervalMs();
        keepAlive = ctx.executor().scheduleAtFixedRate(this::onKeepAlive, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    private void onHandshakeTimeout()
    {
        if (session == null)
        {
            close(DisconnectReason.NETWORK_ERROR);
        }
        else if (session.state() != PeerSessionState.READY)
        {
            step(session.timeout());
        }
    }

    private void onKeepAlive()
    {
        final long nowNs = config.nanoClock().nanoTime();
        if (paused)
        {
            lastHeardNs = nowNs;
        }
        else if (nowNs - lastHeardNs > TimeUnit.MILLISECONDS.toNanos(config.keepAliveTimeoutMs()))
        {
            lane.counters().increment(LaneCounter.KEEPALIVE_TIMEOUTS);
            close(DisconnectReason.KEEPALIVE_TIMEOUT);
            return;
        }
        if (ctx.channel().isWritable())
        {
            ctx.writeAndFlush(new PingWebSocketFrame(ctx.alloc().buffer(PING_LENGTH).writeLong(nowNs)),
                ctx.voidPromise());
        }
    }

    private void onPong(final ByteBuf content)
    {
        if (content.readableBytes() != PING_LENGTH)
        {
            return;
        }
        final long rttNs = config.nanoClock().nanoTime() - content.getLong(content.readerIndex());
        if (rttNs >= 0)
        {
            lastRttNs = rttNs;
            final long smoothed = smoothedRttNs;
            smoothedRttNs = smoothed < 0 ? rttNs : smoothed + (rttNs - smoothed) / 8;
        }
    }

    private void protocolError(final WebSocketCloseStatus status, final String reason)
    {
        if (closeReason == 0)
        {
            closeReason = DisconnectReason.PROTOCOL_ERROR;
        }
        closeWith(new CloseWebSocketFrame(status, reason));
    }

    void close(final int reason)
    {
        if (closeReason == 0)
        {
            closeReason = reason;
        }
        final WebSocketCloseStatus status;
        switch (reason)
        {
            case DisconnectReason.AUTH_FAILED:
                status = WebSocketCloseStatus.POLICY_VIOLATION;
                break;
            case DisconnectReason.PROTOCOL_ERROR:
                status = WebSocketCloseStatus.PROTOCOL_ERROR;
                break;
            case DisconnectReason.LOCAL_CLOSE:
                status = lane.isClosed() ? WebSocketCloseStatus.ENDPOINT_UNAVAILABLE : WebSocketCloseStatus.NORMAL_CLOSURE;
                break;
            default:
                status = WebSocketCloseStatus.NORMAL_CLOSURE;
        }
        closeWith(new CloseWebSocketFrame(status));
    }

    private void closeWith(final CloseWebSocketFrame frame)
    {
        if (session != null)
        {
            session.onClosing();
        }
        if (ctx.channel().isActive() && session != null)
        {
            ctx.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
        }
        else
        {
            frame.release();
            ctx.close();
        }
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException)
        {
            final boolean tooBig = cause instanceof TooLongFrameException ||
                ((CorruptedWebSocketFrameException)cause).closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG;
            lane.counters().increment(tooBig ? LaneCounter.FRAMES_OVERSIZE : LaneCounter.FRAMES_MALFORMED);
            if (closeReason == 0)
            {
                closeReason = DisconnectReason.PROTOCOL_ERROR;
            }
        }
        else
        {
            if (!(cause instanceof IOException) && !(cause.getCause() instanceof IOException) &&
                !(cause.getCause() instanceof javax.net.ssl.SSLException))
            {
                config.errorHandler().onError(cause);
            }
            if (closeReason == 0)
            {
                closeReason = DisconnectReason.NETWORK_ERROR;
            }
        }
        ctx.close();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        if (handshakeTimeout != null)
        {
            handshakeTimeout.cancel(false);
        }
        if (keepAlive != null)
        {
            keepAlive.cancel(false);
        }
        held.releaseAll();
        if (session != null)
        {
            session.onClosed();
        }
        final int reason = closeReason != 0 ? closeReason :
            peerSentClose ? DisconnectReason.PEER_CLOSE : DisconnectReason.NETWORK_ERROR;
        lane.onInactive(this, reason);
        super.channelInactive(ctx);
    }

    ActrId expectedPeer()
    {
        return expectedPeer;
    }
}
