package dev.actr.journal.integrity;

import dev.actr.journal.dedup.DedupJournal;
import dev.actr.journal.dedup.EffectReader;
import dev.actr.journal.integrity.Faults.Fault;
import dev.actr.journal.mailbox.ChronicleMailbox;
import dev.actr.journal.mailbox.ChronicleMailboxContext;
import dev.actr.journal.mailbox.DeadLetter;
import dev.actr.journal.mailbox.FsyncPolicy;
import dev.actr.journal.mailbox.MessagePriority;
import dev.actr.journal.replay.DispatchInput;
import dev.actr.journal.replay.JournalKind;
import dev.actr.journal.replay.JournalReader;
import dev.actr.journal.replay.ReplayJournal;
import dev.actr.journal.replay.ReplayJournalContext;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.RollCycles;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.function.ThrowingConsumer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Fault injection (issue #8): for each Chronicle store, a store written in a template directory is copied, one of
 * its cycle files damaged ({@link Faults}: truncations at record boundaries, inside headers, mid-record, at the end;
 * flipped bits in record headers, payloads, the store header and the index; the file deleted; random positions per
 * seed; and in every copy the template's lock file, held by nobody: a stale lock), and the store reopened. It must
 * open with every record that ends before the damage intact at its index, or refuse with a
 * {@link StoreDamageException} that names the file and says what to do; within a bounded time; close() returns; and
 * what is written after the reopen is read back. Seeded: {@code -Dactr.test.seed=N} replays the random positions
 * (the seed is in every failure message).
 */
@Tag("slow")
class StoreFaultInjectionTest
{
    private static final long SEED = Long.getLong("actr.test.seed", System.nanoTime());
    private static final int RANDOM_FAULTS = 3;
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final int MESSAGES = 40;
    private static final int ACKED = 20;
    private static final long T0_MS = TimeUnit.HOURS.toMillis(490_000);

    @TempDir
    Path root;

    private final AtomicInteger copies = new AtomicInteger();

    private Stream<DynamicTest> scenarios(final Path template, final Path damagedFile,
        final ThrowingConsumer<Scenario> check) throws Exception
    {
        final Random random = new Random(SEED ^ damagedFile.getParent().getFileName().toString().hashCode());
        final long written = Faults.written(damagedFile);
        final List<DynamicTest> tests = new ArrayList<>();
        for (final Fault fault : Faults.of(damagedFile, random, RANDOM_FAULTS))
        {
            final int intact = Faults.intactRecords(damagedFile, fault);
            tests.add(DynamicTest.dynamicTest(fault.toString(), () ->
            {
                final Path copy = root.resolve("copy-" + copies.incrementAndGet());
                Faults.copyTree(template, copy);
                final Path file = copy.resolve(template.relativize(damagedFile).toString());
                fault.apply(file);
                try
                {
                    assertTimeoutPreemptively(BOUND, () -> check.accept(
                        new Scenario(copy, file, fault, intact, fault.mustBeDetected(written))));
                }
                catch (final Throwable ex)
                {
                    throw new AssertionError("seed " + SEED + " (replay with -Dactr.test.seed=" + SEED + "), fault " +
                        fault + ", " + intact + " records intact: " + ex.getMessage(), ex);
                }
            }));
        }
        return tests.stream();
    }

    private static void assertPrefix(final List<String> actual, final List<String> expected, final int n,
        final String what)
    {
        assertThat(actual.size()).as(what + ": " + actual).isGreaterThanOrEqualTo(n);
        assertThat(actual.subList(0, n)).as(what).isEqualTo(expected.subList(0, n));
    }

    /** One damaged copy: its directory, the damaged file, the fault, the records that must survive. */
    record Scenario(Path directory, Path file, Fault fault, int intact, boolean mustDetect)
    {
    }

    // ---------------------------------------------------------------------------------------------------- mailbox

    private static ChronicleMailboxContext mailbox(final Path directory, final int maxDeliveries)
    {
        return new ChronicleMailboxContext().directory(directory).blockSize(256 * 1024).maxDeliveries(maxDeliveries)
            .timeProvider(new SetTimeProvider(TimeUnit.MILLISECONDS.toNanos(T0_MS)));
    }

    private static String text(final int i)
    {
        return "message " + i + " " + "x".repeat(i % 7 * 5);
    }

    private static long enqueue(final ChronicleMailbox mailbox, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return mailbox.enqueue(MessagePriority.NORMAL, new UnsafeBuffer(bytes), 0, bytes.length);
    }

    /** message id to text, of everything delivered. */
    private static Map<Long, String> pollAll(final ChronicleMailbox mailbox)
    {
        final Map<Long, String> delivered = new LinkedHashMap<>();
        while (mailbox.poll(MessagePriority.NORMAL, (id, buffer, offset, length) ->
            delivered.put(id, buffer.getStringWithoutLengthUtf8(offset, length)), 64) > 0)
        {
            continue;
        }
        return delivered;
    }

    /** The template: 40 messages, the first 20 delivered and acked, closed with a checkpoint. */
    private List<Long> mailboxTemplate(final Path template)
    {
        final List<Long> ids = new ArrayList<>();
        try (ChronicleMailbox mailbox = ChronicleMailbox.open(mailbox(template, 5)))
        {
            for (int i = 0; i < MESSAGES; i++)
            {
                ids.add(enqueue(mailbox, text(i)));
            }
            mailbox.poll(MessagePriority.NORMAL, (id, buffer, offset, length) -> mailbox.ack(id), ACKED);
        }
        return ids;
    }

    /**
     * After damage to the mailbox: open it, check what it delivers, enqueue one more, and check that a clean reopen
     * delivers nothing again.
     *
     * @param mayRedeliverAcked acks may be lost (damage in the ack journal): an acked message may come again.
     */
    private void checkMailbox(final Scenario s, final List<Long> ids, final int unackedFromIntact,
        final boolean mayRedeliverAcked)
    {
        final StoreIntegrity integrity = new StoreIntegrity();
        final Map<Long, String> delivered;
        try (ChronicleMailbox mailbox = ChronicleMailbox.open(mailbox(s.directory(), 5).integrity(integrity)))
        {
            delivered = pollAll(mailbox);
            final long fresh = enqueue(mailbox, "fresh");
            assertThat(fresh).as("a new message takes no index the ack journal names")
                .isGreaterThan(ids.get(ACKED - 1));
            final Map<Long, String> after = pollAll(mailbox);
            assertThat(after).as("the new message is delivered").containsExactly(Map.entry(fresh, "fresh"));
            delivered.keySet().forEach(mailbox::ack);
            mailbox.ack(fresh);
        }
        for (int i = 0; i < MESSAGES; i++)
        {
            final Long id = ids.get(i);
            if (i < s.intact() && delivered.containsKey(id))
            {
                assertThat(delivered.get(id)).as("message %d is intact", i).isEqualTo(text(i));
            }
            if (i >= ACKED && i < unackedFromIntact)
            {
                assertThat(delivered).as("unacked message %d before the damage is delivered", i).containsKey(id);
            }
            if (i < ACKED && !mayRedeliverAcked)
            {
                assertThat(delivered).as("acked message %d is not delivered again", i).doesNotContainKey(id);
            }
        }
        assertThat(ids).as("nothing but the template's messages is delivered").containsAll(delivered.keySet());
        if (s.mustDetect())
        {
            assertThat(integrity.damageDetected()).as("the damage is reported").isPositive();
        }
        final StoreIntegrity again = new StoreIntegrity();
        try (ChronicleMailbox mailbox = ChronicleMailbox.open(mailbox(s.directory(), 5).integrity(again)))
        {
            assertThat(pollAll(mailbox)).as("everything was acked").isEmpty();
        }
        assertThat(again.damageDetected()).as("the repair left whole files").isZero();
    }

    @TestFactory
    Stream<DynamicTest> shouldRecoverTheMailboxQueueFromEveryFault() throws Exception
    {
        final Path template = root.resolve("mailbox-template");
        final List<Long> ids = mailboxTemplate(template);
        return scenarios(template, Faults.onlyCycleFile(template.resolve("normal")),
            s -> checkMailbox(s, ids, s.intact(), false));
    }

    @TestFactory
    Stream<DynamicTest> shouldRecoverTheAckJournalFromEveryFault() throws Exception
    {
        final Path template = root.resolve("acks-template");
        final List<Long> ids = mailboxTemplate(template);
        return scenarios(template, Faults.onlyCycleFile(template.resolve("acks")),
            s -> checkMailbox(s, ids, MESSAGES, true));
    }

    @TestFactory
    Stream<DynamicTest> shouldRecoverTheDeadLetterQueueFromEveryFault() throws Exception
    {
        final Path template = root.resolve("dlq-template");
        final Map<Long, String> byIndex = new LinkedHashMap<>();
        try (ChronicleMailbox mailbox = ChronicleMailbox.open(mailbox(template, 1)))
        {
            for (int i = 0; i < 12; i++)
            {
                byIndex.put(enqueue(mailbox, text(i)) >>> 1, text(i));
            }
            pollAll(mailbox); // in flight when it closes: the next open counts a delivery, the last one allowed
        }
        try (ChronicleMailbox mailbox = ChronicleMailbox.open(mailbox(template, 1)))
        {
            assertThat(mailbox.deadLetters()).hasSize(12);
        }
        return scenarios(template, Faults.onlyCycleFile(template.resolve("dlq")), s ->
        {
            final StoreIntegrity integrity = new StoreIntegrity();
            try (ChronicleMailbox mailbox = ChronicleMailbox.open(mailbox(s.directory(), 1).integrity(integrity)))
            {
                final List<DeadLetter> letters = mailbox.deadLetters();
                for (final DeadLetter letter : letters.subList(0, Math.min(s.intact(), letters.size())))
                {
                    assertThat(new String(letter.message(), StandardCharsets.UTF_8))
                        .isEqualTo(byIndex.get(letter.originalIndex()));
                }
                assertThat(letters.size()).as("every letter before the damage is listed").isGreaterThanOrEqualTo(
                    s.intact());
                assertThat(pollAll(mailbox)).isEmpty();
            }
            if (s.mustDetect())
            {
                assertThat(integrity.damageDetected()).isPositive();
            }
        });
    }

    // ------------------------------------------------------------------------------------------------------ dedup

    private static DedupJournal dedup(final Path directory, final StoreIntegrity integrity)
    {
        return new DedupJournal(directory, TimeUnit.HOURS.toNanos(1), FsyncPolicy.NONE, 256 * 1024, integrity);
    }

    private static void commit(final DedupJournal journal, final long key)
    {
        final byte[] reply = ("reply " + key).getBytes(StandardCharsets.UTF_8);
        final byte[] effect = ("effect " + key).getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer effects = new UnsafeBuffer(new byte[4 + effect.length]);
        effects.putInt(0, effect.length, java.nio.ByteOrder.LITTLE_ENDIAN);
        effects.putBytes(4, effect);
        journal.append(1, key, System.currentTimeMillis() * 1_000_000, 2, 0, key, new UnsafeBuffer(reply), 0,
            reply.length, effects, effects.capacity());
    }

    /** Effects and their record indices. */
    private static List<String> effects(final Path directory, final List<Long> indices)
    {
        final List<String> effects = new ArrayList<>();
        try (EffectReader reader = EffectReader.open(directory))
        {
            while (reader.poll((index, ordinal, responder, caller, key, buffer, offset, length) ->
            {
                effects.add(buffer.getStringWithoutLengthUtf8(offset, length));
                indices.add(index);
            }, 64) > 0)
            {
                continue;
            }
        }
        return effects;
    }

    @TestFactory
    Stream<DynamicTest> shouldOpenOrRefuseTheCommitJournalOnEveryFaultAndNeverLoseACommitSilently() throws Exception
    {
        final Path template = root.resolve("dedup-template");
        final List<String> expected = new ArrayList<>();
        try (DedupJournal journal = dedup(template, new StoreIntegrity()))
        {
            for (long key = 0; key < 30; key++)
            {
                commit(journal, key);
                expected.add("effect " + key);
            }
        }
        final boolean readBack = effects(template, new ArrayList<>()).equals(expected);
        assertThat(readBack).as("the template's effects read back").isTrue();
        return scenarios(template, Faults.onlyCycleFile(template), s ->
        {
            final StoreIntegrity integrity = new StoreIntegrity();
            boolean refused = false;
            try
            {
                dedup(s.directory(), integrity).close();
            }
            catch (final StoreDamageException ex)
            {
                refused = true;
                assertThat(ex.getMessage()).contains(s.file().toString(), "index 0x", "DedupJournal.repair");
                assertPrefix(effects(s.directory(), new ArrayList<>()), expected, s.intact(),
                    "the commits before the damage are readable");
                assertThat(DedupJournal.repair(s.directory(), new StoreIntegrity())).isPositive();
            }
            if (s.mustDetect())
            {
                assertThat(integrity.damageDetected()).as("the damage is reported").isPositive();
            }
            final List<Long> before = new ArrayList<>();
            final List<String> kept = effects(s.directory(), before);
            assertPrefix(kept, expected, s.intact(), "the commits before the damage are kept");
            try (DedupJournal journal = dedup(s.directory(), new StoreIntegrity()))
            {
                final int[] loaded = new int[1];
                journal.load(0, 8, (caller, key, taken, responder, type, messageId, newest, reply, offset, length) ->
                    loaded[0]++);
                assertThat(loaded[0]).isGreaterThanOrEqualTo(s.intact());
                commit(journal, 999);
            }
            final List<Long> after = new ArrayList<>();
            final List<String> all = effects(s.directory(), after);
            assertThat(all).as("refused: " + refused).endsWith("effect 999");
            assertThat(after.get(after.size() - 1)).as("the new commit takes no earlier index")
                .isGreaterThan(before.stream().mapToLong(Long::longValue).max().orElse(-1));
        });
    }

    // ----------------------------------------------------------------------------------------------------- replay

    private static ReplayJournalContext replay(final Path directory, final StoreIntegrity integrity)
    {
        return new ReplayJournalContext().directory(directory).rollCycle(RollCycles.FAST_HOURLY)
            .blockSize(ReplayJournalContext.MIN_BLOCK_SIZE).integrity(integrity)
            .timeProvider(new SetTimeProvider(TimeUnit.MILLISECONDS.toNanos(T0_MS)));
    }

    private static void dispatch(final ReplayJournal journal, final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        journal.appendDispatch(T0_MS * 1_000_000, DispatchInput.MESSAGE, 1, 0, -1, new UnsafeBuffer(bytes), 0,
            bytes.length);
    }

    private static List<String> dispatched(final Path directory)
    {
        final List<String> records = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(directory, JournalKind.DISPATCH))
        {
            while (reader.next())
            {
                records.add(reader.record().dispatchSequence() + ":" +
                    reader.record().buffer().getStringWithoutLengthUtf8(0, reader.record().length()));
            }
        }
        return records;
    }

    @TestFactory
    Stream<DynamicTest> shouldRecoverTheReplayJournalFromEveryFault() throws Exception
    {
        final Path template = root.resolve("replay-template");
        final List<String> expected = new ArrayList<>();
        try (ReplayJournal journal = ReplayJournal.open(replay(template, new StoreIntegrity())))
        {
            for (int i = 0; i < 30; i++)
            {
                dispatch(journal, text(i));
                expected.add(i + ":" + text(i));
            }
        }
        assertThat(dispatched(template)).isEqualTo(expected);
        return scenarios(template, Faults.onlyCycleFile(template.resolve("dispatch")), s ->
        {
            assertPrefix(dispatched(s.directory()), expected, s.intact(),
                "a reader of the damaged journal reads what is intact");
            final StoreIntegrity integrity = new StoreIntegrity();
            final long next;
            try (ReplayJournal journal = ReplayJournal.open(replay(s.directory(), integrity)))
            {
                next = journal.nextDispatchSequence();
                assertThat(next).isGreaterThanOrEqualTo(s.intact());
                dispatch(journal, "fresh");
            }
            if (s.mustDetect())
            {
                assertThat(integrity.damageDetected()).as("the damage is reported").isPositive();
            }
            final List<String> records = dispatched(s.directory());
            assertPrefix(records, expected, s.intact(), "the records before the damage are kept");
            assertThat(records).endsWith(next + ":fresh");
        });
    }
}
