package dev.actr.benchmarks;

import com.google.protobuf.ByteString;
import com.google.protobuf.BytesValue;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.IoHandlerFactory;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The RPC peer of {@link WebSocketCallBenchmark}: a gRPC-java unary echo on loopback over gRPC's own (shaded) Netty
 * transport, plaintext HTTP/2. The service is written by hand, as protoc's gRPC plugin would generate it: one
 * {@link MethodDescriptor} {@code bench.Echo/Echo} of {@code google.protobuf.BytesValue} both ways with gRPC's
 * protobuf marshallers ({@link ProtoUtils#marshaller}), the server's handler through
 * {@link ServerCalls#asyncUnaryCall} (it answers the request it was given), the caller through
 * {@link ClientCalls#blockingUnaryCall} with a 5 s deadline per call, as a generated blocking stub does (the caller
 * thread runs gRPC's callbacks itself and parks while it waits). Server and client each get one event-loop thread,
 * epoll where it loads, as the actr lane and the raw Netty baseline have. The server runs handlers on its default
 * executor (a cached thread pool: a hand-off per call, as actr's engine thread is one) or, with {@code direct}, on the
 * event loop itself (what gRPC's performance guide recommends for non-blocking handlers).
 */
final class GrpcEcho implements AutoCloseable
{
    /** The unary echo method. */
    static final MethodDescriptor<BytesValue, BytesValue> ECHO = MethodDescriptor.<BytesValue, BytesValue>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName("bench.Echo", "Echo"))
        .setRequestMarshaller(ProtoUtils.marshaller(BytesValue.getDefaultInstance()))
        .setResponseMarshaller(ProtoUtils.marshaller(BytesValue.getDefaultInstance()))
        .build();

    private static final long SHUTDOWN_TIMEOUT_MS = 5_000;
    private static final long DEADLINE_MS = 5_000;

    private final boolean epoll = epollAvailable();
    private final EventLoopGroup serverGroup;
    private final EventLoopGroup clientGroup;
    private Server server;
    private ManagedChannel channel;

    /**
     * Start the server and open a channel to it (connected by one call).
     *
     * @param directExecutor run the handler on the server's event loop; false: on gRPC's default executor.
     */
    GrpcEcho(final boolean directExecutor)
    {
        serverGroup = group("grpc-server");
        clientGroup = group("grpc-client");
        try
        {
            start(directExecutor);
        }
        catch (final RuntimeException | Error ex)
        {
            close();
            throw ex;
        }
    }

    private void start(final boolean directExecutor)
    {
        final ServerServiceDefinition service = ServerServiceDefinition.builder("bench.Echo")
            .addMethod(ECHO, ServerCalls.asyncUnaryCall((request, responses) ->
            {
                responses.onNext(request);
                responses.onCompleted();
            }))
            .build();
        final NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .bossEventLoopGroup(serverGroup)
            .workerEventLoopGroup(serverGroup)
            .channelType(serverChannelClass())
            .addService(service);
        if (directExecutor)
        {
            builder.directExecutor();
        }
        try
        {
            server = builder.build().start();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("the gRPC server did not start", ex);
        }
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
            .usePlaintext()
            .eventLoopGroup(clientGroup)
            .channelType(channelClass())
            .build();
        final BytesValue hello = BytesValue.of(ByteString.copyFromUtf8("hello"));
        if (!hello.equals(call(hello)))
        {
            throw new IllegalStateException("the gRPC echo answered something else");
        }
    }

    /**
     * @param request the request.
     * @return the server's answer.
     */
    BytesValue call(final BytesValue request)
    {
        return ClientCalls.blockingUnaryCall(channel, ECHO,
            CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS), request);
    }

    /**
     * @return "epoll" or "nio".
     */
    String transportName()
    {
        return epoll ? "epoll" : "nio";
    }

    /**
     * Close the channel, stop the server and both event loops.
     */
    @Override
    public void close()
    {
        try
        {
            if (channel != null)
            {
                channel.shutdownNow().awaitTermination(SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
            if (server != null)
            {
                server.shutdownNow().awaitTermination(SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            clientGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
            serverGroup.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS);
        }
    }

    private EventLoopGroup group(final String name)
    {
        final IoHandlerFactory factory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(1, runnable ->
        {
            final Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        }, factory);
    }

    private Class<? extends ServerChannel> serverChannelClass()
    {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    private Class<? extends Channel> channelClass()
    {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    private static boolean epollAvailable()
    {
        try
        {
            return Epoll.isAvailable();
        }
        catch (final LinkageError ex)
        {
            return false;
        }
    }
}
