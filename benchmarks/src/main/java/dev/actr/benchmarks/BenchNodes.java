package dev.actr.benchmarks;

import com.google.protobuf.BytesValue;
import com.google.protobuf.Int64Value;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.PayloadType;
import dev.actr.engine.ActrNode;
import dev.actr.engine.NodeContext;
import dev.actr.engine.SystemCounter;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.RouteKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The actr side of the comparison benchmarks and probes: one echo actor (typed and raw routes), one counting actor,
 * node directories in a temporary folder, and the end-of-run checks that keep a broken path from producing a figure.
 * The peer runtime's equivalents are in {@link PekkoActors}.
 */
final class BenchNodes
{
    /** The echo actor. */
    static final ActrId ECHO = ActrIds.parse("1@1/bench:echo:1");
    /** Where host calls to the echo actor go. */
    static final Dest ECHO_DEST = Dest.workload(ECHO);
    /** Typed echo: parses the request, returns it as the response. */
    static final RouteKey ECHO_ROUTE = RouteKey.of("bench.Echo.Echo");
    /** Raw echo: replies the request's payload bytes, no protobuf object on the engine side. */
    static final RouteKey RAW_ECHO_ROUTE = RouteKey.of("bench.Echo.RawEcho");
    /** Typed bytes echo: parses a {@code BytesValue} request, returns it as the response (network benchmarks). */
    static final RouteKey BYTES_ECHO_ROUTE = RouteKey.of("bench.Echo.BytesEcho");
    /** The counting actor. */
    static final ActrId COUNTER = ActrIds.parse("2@1/bench:counter:1");
    /** Where tells to the counting actor go. */
    static final Dest COUNTER_DEST = Dest.workload(COUNTER);
    /** Tell route of the counting actor. */
    static final RouteKey COUNT_ROUTE = RouteKey.of("bench.Counter.Count");
    /** Deadline of every benchmark call. */
    static final long CALL_TIMEOUT_MS = 5_000;

    private BenchNodes()
    {
    }

    /**
     * @return an actor echoing {@link Int64Value} requests on {@link #ECHO_ROUTE}, {@code BytesValue} requests on
     * {@link #BYTES_ECHO_ROUTE} and raw bytes on {@link #RAW_ECHO_ROUTE}.
     */
    static Actor echoActor()
    {
        return routes -> routes
            .handle(ECHO_ROUTE, Int64Value.parser(), (ctx, value) -> value)
            .handle(BYTES_ECHO_ROUTE, BytesValue.parser(), (ctx, value) -> value)
            .handleRaw(RAW_ECHO_ROUTE.name(), PayloadType.RPC_RELIABLE,
                (ctx, buffer, offset, length) -> ctx.replyRaw(buffer, offset, length));
    }

    /**
     * @param handled counts the tells the actor has handled (written by the engine thread only).
     * @return an actor that handles {@link Int64Value} tells on {@link #COUNT_ROUTE} by counting them.
     */
    static Actor countingActor(final AtomicLong handled)
    {
        return routes -> routes.handle(COUNT_ROUTE, Int64Value.parser(), (ctx, value) ->
        {
            handled.setRelease(handled.getPlain() + 1);
            return null;
        });
    }

    /**
     * @param prefix of the temporary folder's name.
     * @return a new empty folder.
     */
    static Path tempDirectory(final String prefix)
    {
        try
        {
            return Files.createTempDirectory(prefix);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot create a temporary directory", ex);
        }
    }

    /**
     * @param directory a folder to delete with everything in it; null or missing: nothing to do.
     */
    static void deleteRecursively(final Path directory)
    {
        if (directory == null || !Files.exists(directory))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory))
        {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toArray(Path[]::new))
            {
                Files.delete(path);
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot delete " + directory, ex);
        }
    }

    /**
     * Throw when the node counted errors, refused messages or dropped any: the figure of such a run is not the
     * path's.
     *
     * @param node the node, before it is closed.
     * @param what the case, for the message.
     */
    static void checkClean(final ActrNode node, final String what)
    {
        final long errors = node.counter(SystemCounter.ERRORS);
        final long mailboxFull = node.counter(SystemCounter.MAILBOX_FULL);
        final long expired = node.counter(SystemCounter.REQUESTS_EXPIRED);
        final long timedOut = node.counter(SystemCounter.CALLS_TIMED_OUT);
        if (errors + mailboxFull + expired + timedOut != 0)
        {
            throw new IllegalStateException(what + ": " + errors + " errors, " + mailboxFull + " mailbox full, " +
                expired + " requests expired, " + timedOut + " calls timed out");
        }
    }

    /**
     * @param value an echoed value.
     * @param sent  the value sent.
     * @param what  the case, for the message.
     * @return the value.
     */
    static long checkEcho(final long value, final long sent, final String what)
    {
        if (value != sent)
        {
            throw new IllegalStateException(what + ": echo answered " + value + " to " + sent);
        }
        return value;
    }

    /**
     * @param idleStrategyName "parking" (the default) or "busySpin".
     * @param directory        node directory, or null for an in-memory node.
     * @param actors           adds the actors.
     * @return a launched node.
     */
    static ActrNode launch(final String idleStrategyName, final Path directory, final ActorsAdder actors)
    {
        final NodeContext ctx = new NodeContext();
        if ("busySpin".equals(idleStrategyName))
        {
            ctx.idleStrategy(new org.agrona.concurrent.BusySpinIdleStrategy());
        }
        else if (!"parking".equals(idleStrategyName))
        {
            throw new IllegalArgumentException("unknown idle strategy " + idleStrategyName);
        }
        if (directory != null)
        {
            ctx.directory(directory);
        }
        actors.addTo(ctx);
        return ActrNode.launch(ctx);
    }

    /** Adds a case's actors to a node context. */
    @FunctionalInterface
    interface ActorsAdder
    {
        /**
         * @param ctx the node's context.
         */
        void addTo(NodeContext ctx);
    }

    /**
     * A response parser that hands back a pre-built message when the bytes hold exactly that message's value (and
     * a new message otherwise), so that a round trip's allocation figure leaves out the user's response object. It
     * reads the fields itself, so a wrong reply is still caught.
     */
    static final class ConstantInt64Parser extends com.google.protobuf.AbstractParser<Int64Value>
    {
        private static final int VALUE_TAG = 8;
        private final Int64Value constant;

        ConstantInt64Parser(final Int64Value constant)
        {
            this.constant = constant;
        }

        @Override
        public Int64Value parsePartialFrom(
            final com.google.protobuf.CodedInputStream input, final com.google.protobuf.ExtensionRegistryLite registry)
            throws InvalidProtocolBufferException
        {
            long value = 0;
            try
            {
                for (int tag = input.readTag(); tag != 0; tag = input.readTag())
                {
                    if (tag == VALUE_TAG)
                    {
                        value = input.readInt64();
                    }
                    else if (!input.skipField(tag))
                    {
                        break;
                    }
                }
            }
            catch (final InvalidProtocolBufferException ex)
            {
                throw ex;
            }
            catch (final java.io.IOException ex)
            {
                throw new InvalidProtocolBufferException(ex);
            }
            return value == constant.getValue() ? constant : Int64Value.of(value);
        }
    }
}
