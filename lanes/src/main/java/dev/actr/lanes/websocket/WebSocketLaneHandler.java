package dev.actr.lanes.websocket;

import dev.actr.codec.proto.ActrId;
import dev.actr.lanes.DisconnectReason;
import dev.actr.lanes.session.AuthRejection;
import dev.actr.lanes.session.PeerSession;
import dev.actr.lanes.session.PeerSessionState;
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

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket lane connection, on its Netty event loop: runs the peer session handshake, then delivers lane
 * frames to the ingress (holding them and pausing reads while it pushes back), pings the peer and measures RTT,
 * and reports the connection's end with its reason. Never blocks; touches no engine state (only the ingress).
 */
final class WebSocketLaneHandler extends ChannelInboundHandlerAdapter
{

    private final WebSocketLane lane;
    private final WebSocketLaneContext config;
    private final ActrId expectedPeer;
    private ChannelHandlerContext ctx;
    private PeerSession session;
    private ScheduledFuture<?> handshakeTimeout;
    private ScheduledFuture<?> keepAlive;
    private volatile long connectionId = -1;
    private ActrId peer;
    private int closeReason;
    private boolean peerSentClose;
    private InboundFrames inbound;
    private final KeepAlive liveness;

    WebSocketLaneHandler(final WebSocketLane lane, final ActrId expectedPeer)
    {
        this.lane = lane;
        this.config = lane.context();
        this.expectedPeer = expectedPeer;
        this.liveness = new KeepAlive(config.nanoClock(), TimeUnit.MILLISECONDS.toNanos(config.keepAliveTimeoutMs()));
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
        return liveness.lastRttNs();
    }

    long smoothedRttNs()
    {
        return liveness.smoothedRttNs();
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
        this.inbound = new InboundFrames(this, lane, ctx);
        lane.track(this, ctx.channel());
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx) throws Exception
    {
        liveness.onHeard();
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
            liveness.onHeard();
            if (msg instanceof BinaryWebSocketFrame)
            {
                onBinary(((BinaryWebSocketFrame)msg).content());
            }
            else if (msg instanceof PongWebSocketFrame)
            {
                liveness.onPong(((PongWebSocketFrame)msg).content());
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
        inbound.onMessage(content);
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
        if (inbound.isPaused())
        {
            liveness.onHeard();
        }
        else if (liveness.isSilentTooLong())
        {
            lane.counters().increment(LaneCounter.KEEPALIVE_TIMEOUTS);
            close(DisconnectReason.KEEPALIVE_TIMEOUT);
            return;
        }
        if (ctx.channel().isWritable())
        {
            ctx.writeAndFlush(new PingWebSocketFrame(liveness.pingPayload(ctx.alloc().buffer(KeepAlive.PING_LENGTH))),
                ctx.voidPromise());
        }
    }

    void onHeard()
    {
        liveness.onHeard();
    }

    boolean isInitiator()
    {
        return expectedPeer != null;
    }

    void protocolError(final WebSocketCloseStatus status, final String reason)
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
        inbound.onClosed();
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
