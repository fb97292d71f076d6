package dev.actr.benchmarks;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Apache Pekko (typed) side of the comparison benchmarks and probes: an echo actor answering asks, a counting
 * actor taking tells, and an actor system with Pekko's default dispatcher (a fork-join pool of
 * {@code max(8, cores)} threads, throughput 5) and only its logging turned down, so that its own messages do not
 * interleave with JMH's. Its configuration is programmatic ({@link #CONFIG}) over the reference configuration of
 * the Pekko jars (merged into the shaded jar). The actr side is {@link BenchNodes}.
 */
final class PekkoActors
{
    /** Pekko's defaults with logging at WARNING and dead-letter logging off. */
    static final String CONFIG = String.join("\n",
        "pekko.loglevel = WARNING",
        "pekko.stdout-loglevel = WARNING",
        "pekko.log-dead-letters = off",
        "pekko.log-dead-letters-during-shutdown = off",
        "pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off",
        "pekko.jvm-shutdown-hooks = off");

    private PekkoActors()
    {
    }

    /** An echo request; {@code replyTo} is the ask's temporary actor. */
    static final class Echo
    {
        final long value;
        final ActorRef<Long> replyTo;

        Echo(final long value, final ActorRef<Long> replyTo)
        {
            this.value = value;
            this.replyTo = replyTo;
        }
    }

    /** The counting actor's one message (a shared constant: nothing allocated per tell). */
    static final class Count
    {
        static final Count INSTANCE = new Count();

        private Count()
        {
        }
    }

    /**
     * @return Pekko's configuration for the benchmarks.
     */
    static Config config()
    {
        return ConfigFactory.parseString(CONFIG).withFallback(ConfigFactory.load());
    }

    /**
     * @return an actor answering each {@link Echo} with its value (a boxed {@code Long}, cached for the small values
     * the benchmarks send).
     */
    static Behavior<Echo> echo()
    {
        return Behaviors.receiveMessage(message ->
        {
            message.replyTo.tell(message.value);
            return Behaviors.same();
        });
    }

    /**
     * @param handled counts the tells the actor has handled.
     * @return an actor counting {@link Count} messages.
     */
    static Behavior<Count> counting(final AtomicLong handled)
    {
        return Behaviors.receiveMessage(message ->
        {
            // One message at a time, like the actr actor (Pekko's actor rule publishes it between threads).
            handled.setRelease(handled.getPlain() + 1);
            return Behaviors.same();
        });
    }

    /**
     * @param guardian the system's guardian actor, the one the benchmark talks to.
     * @param name     the system's name.
     * @param <T>      its message type.
     * @return a started actor system.
     */
    static <T> ActorSystem<T> start(final Behavior<T> guardian, final String name)
    {
        // Bind SLF4J on this thread first: Pekko's threads logging during a concurrent initialisation make SLF4J
        // print a replay warning into the benchmark output.
        org.slf4j.LoggerFactory.getILoggerFactory();
        return ActorSystem.create(guardian, name, config());
    }

    /**
     * Ask the echo actor and block on the answer: {@code AskPattern.ask} then {@code CompletableFuture.get}.
     *
     * @param system the echo system.
     * @param value  the value to echo (kept in {@code [0, 127]} so that its boxing allocates nothing).
     * @return the echoed value.
     */
    static long askBlocking(final ActorSystem<Echo> system, final long value)
    {
        final CompletionStage<Long> reply = AskPattern.ask(
            system, replyTo -> new Echo(value, replyTo), Duration.ofMillis(BenchNodes.CALL_TIMEOUT_MS),
            system.scheduler());
        try
        {
            return reply.toCompletableFuture().get(BenchNodes.CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new IllegalStateException("Pekko ask failed", ex);
        }
    }

    /**
     * Terminate an actor system and wait until it has.
     *
     * @param system the system, or null.
     */
    static void terminate(final ActorSystem<?> system)
    {
        if (system == null)
        {
            return;
        }
        system.terminate();
        try
        {
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new IllegalStateException("Pekko system did not terminate", ex);
        }
    }
}
