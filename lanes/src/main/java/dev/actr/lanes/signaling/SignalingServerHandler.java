package dev.actr.lanes.signaling;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.proto.SignalingEnvelope;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;

import java.io.IOException;

/**
 * The server's end of one connection, on a Netty I/O thread: enforces the connection limit, decodes each binary
 * frame into a {@code SignalingEnvelope} and hands it to the registry thread; answers what cannot be decoded with
 * an error; closes idle and oversize-sending connections.
 */
final class SignalingServerHandler extends ChannelInboundHandlerAdapter
{
    private final SignalingServer server;
    private final SignalingService service;
    private final EventExecutor registryThread;
    private ServerConnection connection;
    private boolean counted;

    SignalingServerHandler(final SignalingServer server, final SignalingService service, final EventExecutor registryThread)
    {
        this.server = server;
        this.service = service;
        this.registryThread = registryThread;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx) throws Exception
    {
        connection = new ServerConnection(ctx.channel());
        if (!server.tryOpenConnection())
        {
            server.counters().increment(SignalingCounter.CONNECTIONS_REFUSED);
            ctx.close();
            return;
        }
        counted = true;
        server.counters().increment(SignalingCounter.CONNECTIONS_ACCEPTED);
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        if (counted)
        {
            counted = false;
            server.closeConnection();
            final ServerConnection closed = connection;
            registryThread.execute(() -> server.onClosed(closed));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        try
        {
            if (msg instanceof BinaryWebSocketFrame)
            {
                onBinary((BinaryWebSocketFrame)msg);
            }
            else if (msg instanceof WebSocketFrame)
            {
                refuse(SignalingErrors.MALFORMED, "signaling envelopes travel in binary frames only");
            }
            else if (msg instanceof FullHttpRequest)
            {
                ctx.writeAndFlush(new DefaultFullHttpResponse(((FullHttpRequest)msg).protocolVersion(),
                    HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER)).addListener(ChannelFutureListener.CLOSE);
            }
        }
        finally
        {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onBinary(final BinaryWebSocketFrame frame)
    {
        final SignalingEnvelope envelope;
        try
        {
            envelope = SignalingEnvelopes.decode(frame.content());
        }
        catch (final InvalidProtocolBufferException ex)
        {
            refuse(SignalingErrors.MALFORMED, "envelope does not decode: " + ex.getMessage());
            return;
        }
        final ServerConnection from = connection;
        registryThread.execute(() -> server.onEnvelope(from, envelope));
    }

    private void refuse(final int code, final String message)
    {
        final ServerConnection from = connection;
        registryThread.execute(() -> service.error(from, null, code, message));
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception
    {
        if (event instanceof IdleStateEvent)
        {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedWebSocketFrameException)
        {
            server.counters().increment(SignalingCounter.FRAMES_TOO_LARGE);
            if (ctx.channel().isActive())
            {
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.MESSAGE_TOO_BIG, cause.getMessage()))
                    .addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        if (!(cause instanceof IOException))
        {
            server.context().errorHandler().onError(cause);
        }
        ctx.close();
    }
}
