package dev.actr.journal.replay;

import dev.actr.codec.FrameKind;
import dev.actr.codec.proto.PayloadType;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static dev.actr.journal.replay.JournalFixtures.T0;
import static dev.actr.journal.replay.JournalFixtures.buffer;
import static dev.actr.journal.replay.JournalFixtures.chunk;
import static dev.actr.journal.replay.JournalFixtures.context;
import static dev.actr.journal.replay.JournalFixtures.payload;
import static dev.actr.journal.replay.JournalFixtures.request;
import static dev.actr.journal.replay.JournalFixtures.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplayJournalTest
{
    private static final long NOW_MS = 1_795_435_200_000L;

    @TempDir
    Path directory;

    private final SetTimeProvider clock = JournalFixtures.clockAt(NOW_MS);

    @Test
    void shouldReadBackIngressRecordsWithExactFieldsAndBytes()
    {
        final byte[] envelope = request("acme.Book.Place", 42, 500, 17);
        final byte[] streamChunk = chunk("s-1", 9, 5);
        final UnsafeBuffer source = new UnsafeBuffer(new byte[envelope.length + 10]);
        source.putBytes(10, envelope);

        try (ReplayJournal journal = ReplayJournal.open(context(directory, clock)))
        {
            journal.appendIngress(T0 + 1, FrameKind.ENVELOPE, 0, 1, PayloadType.RPC_RELIABLE_VALUE, 42,
                source, 10, envelope.length);
            journal.appendIngress(T0 + 2, FrameKind.CHUNK, 2, 1, PayloadType.STREAM_RELIABLE_VALUE, -1,
                buffer(streamChunk), 0, streamChunk.length);
        }

        try (JournalReader reader = JournalReader.open(directory, JournalKind.INGRESS))
        {
            assertThat(reader.next()).isTrue();
            final JournalRecord first = reader.record();
            assertThat(first.journal()).isEqualTo(JournalKind.INGRESS);
            assertThat(first.isComplete()).isTrue();
            assertThat(first.timeNs()).isEqualTo(T0 + 1);
            assertThat(first.kind()).isEqualTo(FrameKind.ENVELOPE);
            assertThat(first.callerIndex()).isEqualTo(0);
            assertThat(first.targetIndex()).isEqualTo(1);
            assertThat(first.payloadType()).isEqualTo(PayloadType.RPC_RELIABLE_VALUE);
            assertThat(first.correlationId()).isEqualTo(42);
            assertThat(first.bytesCopy()).isEqualTo(envelope);
            assertThat(first.recordLength()).isEqualTo(IngressRecordDescriptor.HEADER_LENGTH + envelope.length);
            assertThat(first.dispatchSequence()).isEqualTo(JournalRecord.NONE);
            assertThat(first.actorIndex()).isEqualTo(JournalRecord.NONE);
            assertThat(first.senderIndex()).isEqualTo(JournalRecord.NONE);
            assertThat(first.inputType()).isEqualTo(JournalRecord.NONE);

            assertThat(reader.next()).isTrue();
            final JournalRecord second = reader.record();
            assertThat(second.timeNs()).isEqualTo(T0 + 2);
            assertThat(second.kind()).isEqualTo(FrameKind.CHUNK);
            assertThat(second.callerIndex()).isEqualTo(2);
            assertThat(second.targetIndex()).isEqualTo(1);
            assertThat(second.payloadType()).isEqualTo(PayloadType.STREAM_RELIABLE_VALUE);
            assertThat(second.correlationId()).isEqualTo(-1);
            assertThat(second.length()).isEqualTo(streamChunk.length);
            assertThat(second.bytesCopy()).isEqualTo(streamChunk);

            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void shouldReadBackDispatchRecordsInOrder()
    {
        final byte[] message = request("acme.Book.Place", 7, 250, 3);
        final byte[] reply = response("acme.Pay.Charge", 8, 4);
        final byte[] streamChunk = chunk("s-2", 1, 2);

        try (ReplayJournal journal = ReplayJournal.open(context(directory, clock)))
        {
            assertThat(journal.appendDispatch(T0 + 10, DispatchInput.MESSAGE, 1, 0, 7, buffer(message), 0,
                message.length)).isEqualTo(0);
            assertThat(journal.appendDispatch(T0 + 20, DispatchInput.RESPONSE, 1, 2, 8, buffer(reply), 0,
                reply.length)).isEqualTo(1);
            assertThat(journal.appendDispatch(T0 + 30, DispatchInput.TIMEOUT, 1, 2, 9, null, 0, 0)).isEqualTo(2);
            assertThat(journal.appendDispatch(T0 + 40, DispatchInput.CHUNK, 2, 1, -1, buffer(streamChunk), 0,
                streamChunk.length)).isEqualTo(3);
            assertThat(journal.appendDispatch(T0 + 50, DispatchInput.DEFERRED_TIMEOUT, 1, 0, 7, null, 0, 0))
                .isEqualTo(4);
        }

        final List<String> seen = new ArrayList<>();
        final List<byte[]> bytes = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(directory, JournalKind.DISPATCH))
        {
            while (reader.next())
            {
                final JournalRecord record = reader.record();
                seen.add(record.dispatchSequence() + " " + record.timeNs() + " " + record.inputType() + " " +
                    record.actorIndex() + " " + record.callerIndex() + " " + record.correlationId() + " " +
                    record.kind() + " " + record.targetIndex() + " " + record.payloadType());
                bytes.add(record.bytesCopy());
            }
        }

        assertThat(seen).containsExactly(
            "0 " + (T0 + 10) + " 1 1 0 7 -1 -1 -1",
            "1 " + (T0 + 20) + " 2 1 2 8 -1 -1 -1",
            "2 " + (T0 + 30) + " 3 1 2 9 -1 -1 -1",
            "3 " + (T0 + 40) + " 4 2 1 -1 -1 -1 -1",
            "4 " + (T0 + 50) + " 5 1 0 7 -1 -1 -1");
        assertThat(bytes).containsExactly(message, reply, new byte[0], streamChunk, new byte[0]);
    }

    @Test
    void shouldReadBackOutboundRecordsWithTheirDispatchSequence()
    {
        final byte[] reply = response("acme.Book.Place", 7, 6);
        final byte[] streamChunk = chunk("s-3", 2, 8);

        try (ReplayJournal journal = ReplayJournal.open(context(directory, clock)))
        {
            journal.appendOutbound(5, T0 + 1, FrameKind.ENVELOPE, 1, 0, PayloadType.RPC_SIGNAL_VALUE,
                buffer(reply), 0, reply.length);
            journal.appendOutbound(-1, T0 + 2, FrameKind.CHUNK, 2, 3, PayloadType.STREAM_LATENCY_FIRST_VALUE,
                buffer(streamChunk), 0, streamChunk.length);
        }

        try (JournalReader reader = JournalReader.open(directory, JournalKind.OUTBOUND))
        {
            assertThat(reader.next()).isTrue();
            final JournalRecord first = reader.record();
            assertThat(first.dispatchSequence()).isEqualTo(5);
            assertThat(first.timeNs()).isEqualTo(T0 + 1);
            assertThat(first.kind()).isEqualTo(FrameKind.ENVELOPE);
            assertThat(first.senderIndex()).isEqualTo(1);
            assertThat(first.targetIndex()).isEqualTo(0);
            assertThat(first.payloadType()).isEqualTo(PayloadType.RPC_SIGNAL_VALUE);
            assertThat(first.callerIndex()).isEqualTo(JournalRecord.NONE);
            assertThat(first.correlationId()).isEqualTo(JournalRecord.NONE);
            assertThat(first.bytesCopy()).isEqualTo(reply);

            assertThat(reader.next()).isTrue();
            final JournalRecord second = reader.record();
            assertThat(second.dispatchSequence()).isEqualTo(-1);
            assertThat(second.timeNs()).isEqualTo(T0 + 2);
            assertThat(second.kind()).isEqualTo(FrameKind.CHUNK);
            assertThat(second.senderIndex()).isEqualTo(2);
            assertThat(second.targetIndex()).isEqualTo(3);
            assertThat(second.payloadType()).isEqualTo(PayloadType.STREAM_LATENCY_FIRST_VALUE);
            assertThat(second.bytesCopy()).isEqualTo(streamChunk);

            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void shouldCopyBytesFromAnOffHeapBuffer()
    {
        final byte[] envelope = request("acme.Book.Place", 1, 100, 40);
        final UnsafeBuffer offHeap = new UnsafeBuffer(ByteBuffer.allocateDirect(envelope.length + 3));
        offHeap.putBytes(3, envelope);

        try (ReplayJournal journal = ReplayJournal.open(context(directory, clock)))
        {
            journal.appendDispatch(T0, DispatchInput.MESSAGE, 1, 0, 1, offHeap, 3, envelope.length);
        }

        try (JournalReader reader = JournalReader.open(directory, JournalKind.DISPATCH))
        {
            assertThat(reader.next()).isTrue();
            assertThat(reader.record().bytesCopy()).isEqualTo(envelope);
        }
    }

    @Test
    void shouldContinueDispatchSequenceAfterCloseAndReopen()
    {
        final byte[] message = request("acme.Book.Place", 1, 100, 1);
        try (ReplayJournal journal = ReplayJournal.open(context(directory, clock)))
        {
            assertThat(journal.nextDispatchSequence()).isEqualTo(0);
            for (int i = 0; i < 3; i++)
            {
                journal.appendDispatch(T0 + i, DispatchInput.MESSAGE, 1, 0, i, buffer(message), 0, message.length);
            }
        }

        try (ReplayJournal journal = ReplayJournal.open(context(directory, clock)))
        {
            assertThat(journal.nextDispatchSequence()).isEqualTo(3);
            assertThat(journal.appendDispatch(T0 + 3, DispatchInput.TIMEOUT, 1, 0, 9, null, 0, 0)).isEqualTo(3);
            assertThat(journal.appendDispatch(T0 + 4, DispatchInput.TIMEOUT, 1, 0, 10, null, 0, 0)).isEqualTo(4);
        }

        final List<Long> sequences = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(directory, JournalKind.DISPATCH))
        {
            while (reader.next())
            {
                sequences.add(reader.record().dispatchSequence());
            }
        }
        assertThat(sequences).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void shouldReadBackTheLatestManifest()
    {
        try (ReplayJournal journal = ReplayJournal.open(context(directory, clock)))
        {
            journal.writeManifest(List.of("host", "1@1/acme:old:1"), List.of("acme.Old.Route"));
            journal.writeManifest(List.of("host", "1@1/acme:book:1", "2@1/acme:pay:1"),
                List.of("acme.Book.Place", "acme.Pay.Charge with space"));
        }

        final JournalManifest manifest = JournalManifest.read(directory);

        assertThat(manifest.actorIds()).containsExactly("host", "1@1/acme:book:1", "2@1/acme:pay:1");
        assertThat(manifest.routeKeys()).containsExactly("acme.Book.Place", "acme.Pay.Charge with space");
        assertThat(manifest.actorName(2)).isEqualTo("2@1/acme:pay:1");
        assertThat(manifest.actorName(7)).isEqualTo("#7");
        assertThat(manifest.actorName(-1)).isEqualTo("-");
        assertThat(manifest.actorIndex("1@1/acme:book:1")).isEqualTo(1);
        assertThat(manifest.routeKey(1)).isEqualTo("acme.Pay.Charge with space");
        assertThat(directory.resolve("manifest.txt.tmp")).doesNotExist();
    }

    @Test
    void shouldReadAnEmptyManifestWhenNoneWasWritten()
    {
        final ReplayJournal journal = ReplayJournal.open(context(directory, clock));
        journal.close();

        assertThat(JournalManifest.read(directory)).isEqualTo(JournalManifest.EMPTY);
    }

    @Test
    void shouldRejectAManifestNameWithALineBreak()
    {
        try (ReplayJournal journal = ReplayJournal.open(context(directory, clock)))
        {
            assertThatThrownBy(() -> journal.writeManifest(List.of("host", "bad\nname"), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("actor 1");
        }
    }

    @Test
    void shouldSeeRecordsAppendedAfterTheReaderReachedTheEnd()
    {
        final byte[] message = request("acme.Book.Place", 1, 100, 1);
        try (ReplayJournal journal = ReplayJournal.open(context(directory, clock));
            JournalReader reader = journal.reader(JournalKind.DISPATCH))
        {
            assertThat(reader.next()).isFalse();
            journal.appendDispatch(T0, DispatchInput.MESSAGE, 1, 0, 1, buffer(message), 0, message.length);

            assertThat(reader.next()).isTrue();
            assertThat(reader.record().dispatchSequence()).isEqualTo(0);
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void shouldWriteOnlyEnabledJournals()
    {
        final byte[] message = request("acme.Book.Place", 1, 100, 1);
        try (ReplayJournal journal = ReplayJournal.open(
            context(directory, clock).enabledKinds(EnumSet.of(JournalKind.OUTBOUND))))
        {
            journal.appendIngress(T0, FrameKind.ENVELOPE, 0, 1, 0, 1, buffer(message), 0, message.length);
            assertThat(journal.appendDispatch(T0, DispatchInput.MESSAGE, 1, 0, 1, buffer(message), 0,
                message.length)).isEqualTo(ReplayJournal.NO_SEQUENCE);
            journal.appendOutbound(-1, T0, FrameKind.ENVELOPE, 1, 0, 0, buffer(message), 0, message.length);
        }

        assertThat(directory.resolve("ingress")).doesNotExist();
        assertThat(directory.resolve("dispatch")).doesNotExist();
        assertThat(JournalStats.of(directory).kind(JournalKind.OUTBOUND).records()).isEqualTo(1);
    }

    @Test
    void shouldAcceptTheLargestRecordAndRejectALargerOne()
    {
        final ReplayJournalContext ctx = context(directory, clock);
        final int largestBytes = ctx.maxRecordLength() - DispatchRecordDescriptor.HEADER_LENGTH;
        final byte[] bytes = payload(largestBytes + 1);

        try (ReplayJournal journal = ReplayJournal.open(ctx))
        {
            assertThat(journal.appendDispatch(T0, DispatchInput.CHUNK, 1, 0, -1, buffer(bytes), 0, largestBytes))
                .isEqualTo(0);
            assertThatThrownBy(() ->
                journal.appendDispatch(T0, DispatchInput.CHUNK, 1, 0, -1, buffer(bytes), 0, largestBytes + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("exceeds the largest record");
            assertThat(journal.nextDispatchSequence()).isEqualTo(1);
        }

        try (JournalReader reader = JournalReader.open(directory, JournalKind.DISPATCH))
        {
            assertThat(reader.next()).isTrue();
            assertThat(reader.record().length()).isEqualTo(largestBytes);
            assertThat(reader.next()).isFalse();
        }
    }

    @Test
    void shouldRejectBytesOutsideTheBufferWithoutWritingARecord()
    {
        final byte[] message = request("acme.Book.Place", 1, 100, 1);
        try (ReplayJournal journal = ReplayJournal.open(context(directory, clock)))
        {
            assertThatThrownBy(() ->
                journal.appendOutbound(-1, T0, FrameKind.ENVELOPE, 1, 0, 0, buffer(message), 4, message.length))
                .isInstanceOf(IndexOutOfBoundsException.class);
        }
        assertThat(JournalStats.of(directory).kind(JournalKind.OUTBOUND).records()).isEqualTo(0);
    }

    @Test
    void shouldCloseFromAnotherThreadThanTheWriter() throws InterruptedException
    {
        final byte[] message = request("acme.Book.Place", 1, 100, 1);
        final ReplayJournal journal = ReplayJournal.open(context(directory, clock));
        final Throwable[] failure = new Throwable[1];
        final Thread writer = new Thread(() ->
        {
            try
            {
                journal.appendIngress(T0, FrameKind.ENVELOPE, 0, 1, 0, 1, buffer(message), 0, message.length);
                journal.appendDispatch(T0, DispatchInput.MESSAGE, 1, 0, 1, buffer(message), 0, message.length);
                journal.appendOutbound(0, T0, FrameKind.ENVELOPE, 1, 0, 0, buffer(message), 0, message.length);
            }
            catch (final Throwable ex)
            {
                failure[0] = ex;
            }
        });
        writer.start();
        writer.join();

        journal.close();

        assertThat(failure[0]).isNull();
        assertThatThrownBy(() -> journal.appendDispatch(T0, DispatchInput.TIMEOUT, 1, 0, 1, null, 0, 0))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("closed");
        final JournalStats stats = JournalStats.of(directory);
        assertThat(stats.kind(JournalKind.INGRESS).records()).isEqualTo(1);
        assertThat(stats.kind(JournalKind.DISPATCH).records()).isEqualTo(1);
        assertThat(stats.kind(JournalKind.OUTBOUND).records()).isEqualTo(1);
    }

    @Test
    void shouldNameTheMissingDirectoryWhenReading()
    {
        final Path missing = directory.resolve("no-such-journal");

        assertThatThrownBy(() -> JournalReader.open(missing, JournalKind.DISPATCH))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(missing.toAbsolutePath().toString());
        assertThatThrownBy(() -> JournalDump.dump(missing, JournalKind.INGRESS, DumpFilter.all(), new StringBuilder()))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(missing.toAbsolutePath().toString());
        assertThatThrownBy(() -> JournalStats.of(missing))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(missing.toAbsolutePath().toString());
        assertThat(missing).doesNotExist();
    }

    @Test
    void shouldNameTheMissingJournalWhenTheDirectoryHasNone() throws Exception
    {
        Files.createDirectories(directory.resolve("empty"));

        assertThatThrownBy(() -> JournalReader.open(directory.resolve("empty"), JournalKind.OUTBOUND))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("no outbound journal")
            .hasMessageContaining(directory.resolve("empty").resolve("outbound").toAbsolutePath().toString());
    }
}
