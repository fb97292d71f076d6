package dev.actr.journal.replay;

import dev.actr.codec.FrameKind;
import dev.actr.journal.mailbox.MailboxRecordDescriptor;

import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.PayloadType;
import net.openhft.chronicle.core.time.SetTimeProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static dev.actr.journal.replay.JournalFixtures.T0;
import static dev.actr.journal.replay.JournalFixtures.buffer;
import static dev.actr.journal.replay.JournalFixtures.chunk;
import static dev.actr.journal.replay.JournalFixtures.context;
import static dev.actr.journal.replay.JournalFixtures.errorResponse;
import static dev.actr.journal.replay.JournalFixtures.request;
import static dev.actr.journal.replay.JournalFixtures.response;
import static dev.actr.journal.replay.JournalFixtures.tell;
import static org.assertj.core.api.Assertions.assertThat;

class JournalDumpTest
{
    private static final String BOOK = "1@1/acme:book:1";
    private static final String PAY = "2@1/acme:pay:1";
    private static final byte[] GARBAGE = { (byte)0xFF, (byte)0xFF, (byte)0xFF };
    private static final String D0 = "dispatch #0 t=2026-11-23T12:00:00.000000001Z actor=1@1/acme:book:1 caller=host " +
        "MESSAGE REQUEST route=acme.Book.Place id=42 timeout=500ms payload=17B";
    private static final String D1 = "dispatch #1 t=2026-11-23T12:00:00.000000002Z actor=1@1/acme:book:1 " +
        "caller=2@1/acme:pay:1 RESPONSE RESPONSE route=acme.Pay.Charge id=43 payload=0B " +
        "error=10002 TIMED_OUT \"deadline \\\"passed\\\"\"";
    private static final String D2 = "dispatch #2 t=2026-11-23T12:00:00.000000003Z actor=2@1/acme:pay:1 " +
        "caller=1@1/acme:book:1 TIMEOUT id=44";
    private static final String D3 = "dispatch #3 t=2026-11-23T12:00:00.000000004Z actor=2@1/acme:pay:1 " +
        "caller=1@1/acme:book:1 CHUNK stream=s-1 seq=9 payload=5B";
    private static final String D4 = "dispatch #4 t=2026-11-23T12:00:00.000000005Z actor=2@1/acme:pay:1 caller=host " +
        "MESSAGE TELL route=acme.Pay.Notify id=45 payload=2B";
    private static final String D5 = "dispatch #5 t=2026-11-23T12:00:00.000000006Z actor=1@1/acme:book:1 caller=host " +
        "MESSAGE malformed (43 bytes)";
    private static final String D6 = "dispatch #6 t=2026-11-23T12:00:00.000000007Z actor=1@1/acme:book:1 caller=host " +
        "DEFERRED_TIMEOUT id=42";

    @TempDir
    Path directory;

    private final SetTimeProvider clock = JournalFixtures.clockAt(Instant.parse("2026-11-23T12:00:00Z").toEpochMilli());

    @BeforeEach
    void writeJournal()
    {
        try (ReplayJournal journal = ReplayJournal.open(context(directory, clock)))
        {
            journal.writeManifest(List.of("host", BOOK, PAY), List.of("acme.Book.Place", "acme.Pay.Charge"));
            dispatch(journal, 1, DispatchInput.MESSAGE, 1, 0, 42, request("acme.Book.Place", 42, 500, 17));
            dispatch(journal, 2, DispatchInput.RESPONSE, 1, 2, 43,
                errorResponse("acme.Pay.Charge", 43, 10002, "deadline \"passed\""));
            dispatch(journal, 3, DispatchInput.TIMEOUT, 2, 1, 44, new byte[0]);
            dispatch(journal, 4, DispatchInput.CHUNK, 2, 1, -1, chunk("s-1", 9, 5));
            dispatch(journal, 5, DispatchInput.MESSAGE, 2, 0, 45, tell("acme.Pay.Notify", 45, 2));
            dispatch(journal, 6, DispatchInput.MESSAGE, 1, 0, 46, GARBAGE);
            dispatch(journal, 7, DispatchInput.DEFERRED_TIMEOUT, 1, 0, 42, new byte[0]);

            final byte[] call = request("acme.Book.Place", 42, 500, 17);
            journal.appendIngress(T0 + 1, FrameKind.HOST_CALL, 0, 1, PayloadType.RPC_RELIABLE_VALUE, 42,
                buffer(call), 0, call.length);
            final byte[] streamChunk = chunk("s-1", 9, 5);
            journal.appendIngress(T0 + 4, FrameKind.CHUNK, 2, 1, PayloadType.STREAM_RELIABLE_VALUE, -1,
                buffer(streamChunk), 0, streamChunk.length);

            final byte[] reply = response("acme.Book.Place", 42, 3);
            journal.appendOutbound(0, T0 + 8, FrameKind.ENVELOPE, 1, 0, PayloadType.RPC_RELIABLE_VALUE,
                buffer(reply), 0, reply.length);
            final byte[] badChunk = { 1, 2, 3, 4 };
            journal.appendOutbound(-1, T0 + 9, FrameKind.CHUNK, 7, 0, PayloadType.STREAM_LATENCY_FIRST_VALUE,
                buffer(badChunk), 0, badChunk.length);
        }
    }

    private static void dispatch(
        final ReplayJournal journal,
        final long time,
        final int inputType,
        final int actor,
        final int caller,
        final long correlationId,
        final byte[] bytes)
    {
        // A MESSAGE record carries the mailbox record: the router's fixed header, then the envelope.
        final byte[] recorded = inputType == DispatchInput.MESSAGE ? withMailboxHeader(bytes) : bytes;
        journal.appendDispatch(T0 + time, inputType, actor, caller, correlationId, buffer(recorded), 0,
            recorded.length);
    }

    private static byte[] withMailboxHeader(final byte[] envelope)
    {
        final byte[] record = new byte[MailboxRecordDescriptor.HEADER_LENGTH + envelope.length];
        System.arraycopy(envelope, 0, record, MailboxRecordDescriptor.HEADER_LENGTH, envelope.length);
        return record;
    }

    private List<String> dump(final JournalKind kind, final DumpFilter filter, final long expectedCount)
    {
        final StringBuilder out = new StringBuilder();
        final long printed = JournalDump.dump(directory, kind, filter, out);
        final List<String> lines = out.length() == 0 ? List.of() : Arrays.asList(out.toString().split("\n", -1));
        assertThat(out.length() == 0 || out.charAt(out.length() - 1) == '\n').isTrue();
        final List<String> withoutLastEmpty = lines.isEmpty() ? lines : lines.subList(0, lines.size() - 1);
        assertThat(printed).isEqualTo(expectedCount).isEqualTo(withoutLastEmpty.size());
        return withoutLastEmpty;
    }

    @Test
    void shouldDumpEveryDispatchRecordWithDecodedFields()
    {
        assertThat(dump(JournalKind.DISPATCH, DumpFilter.all(), 7)).containsExactly(D0, D1, D2, D3, D4, D5, D6);
    }

    @Test
    void shouldDumpIngressRecordsWithDecodedFields()
    {
        assertThat(dump(JournalKind.INGRESS, DumpFilter.all(), 2)).containsExactly(
            "ingress #0 t=2026-11-23T12:00:00.000000001Z HOST_CALL caller=host target=1@1/acme:book:1 " +
                "type=RPC_RELIABLE REQUEST route=acme.Book.Place id=42 timeout=500ms payload=17B",
            "ingress #1 t=2026-11-23T12:00:00.000000004Z CHUNK caller=2@1/acme:pay:1 target=1@1/acme:book:1 " +
                "type=STREAM_RELIABLE stream=s-1 seq=9 payload=5B");
    }

    @Test
    void shouldDumpOutboundRecordsAndShowMalformedBytesAsMalformed()
    {
        assertThat(dump(JournalKind.OUTBOUND, DumpFilter.all(), 2)).containsExactly(
            "outbound #0 t=2026-11-23T12:00:00.000000008Z dispatch=#0 ENVELOPE sender=1@1/acme:book:1 target=host " +
                "type=RPC_RELIABLE RESPONSE route=acme.Book.Place id=42 payload=3B",
            "outbound #1 t=2026-11-23T12:00:00.000000009Z dispatch=- CHUNK sender=#7 target=host " +
                "type=STREAM_LATENCY_FIRST malformed (4 bytes)");
    }

    @Test
    void shouldFilterByActorIdText()
    {
        assertThat(dump(JournalKind.DISPATCH, DumpFilter.all().actor(PAY), 4)).containsExactly(D1, D2, D3, D4);
    }

    @Test
    void shouldFilterByActorIndex()
    {
        assertThat(dump(JournalKind.DISPATCH, DumpFilter.all().actor("1"), 6))
            .containsExactly(D0, D1, D2, D3, D5, D6);
    }

    @Test
    void shouldPrintNothingForAnActorTheManifestDoesNotName()
    {
        assertThat(dump(JournalKind.DISPATCH, DumpFilter.all().actor("9@9/acme:none:1"), 0)).isEmpty();
    }

    @Test
    void shouldFilterByRoute()
    {
        assertThat(dump(JournalKind.DISPATCH, DumpFilter.all().route("acme.Book.Place"), 1)).containsExactly(D0);
        assertThat(dump(JournalKind.OUTBOUND, DumpFilter.all().route("acme.Book.Place"), 1)).hasSize(1);
    }

    @Test
    void shouldFilterByDirection()
    {
        assertThat(dump(JournalKind.DISPATCH, DumpFilter.all().direction(Direction.REQUEST), 1)).containsExactly(D0);
        assertThat(dump(JournalKind.DISPATCH, DumpFilter.all().direction(Direction.RESPONSE), 1)).containsExactly(D1);
        assertThat(dump(JournalKind.DISPATCH, DumpFilter.all().direction(Direction.TELL), 1)).containsExactly(D4);
    }

    @Test
    void shouldFilterByInclusiveTimeRange()
    {
        assertThat(dump(JournalKind.DISPATCH, DumpFilter.all().fromNs(T0 + 2).toNs(T0 + 4), 3))
            .containsExactly(D1, D2, D3);
        assertThat(dump(JournalKind.DISPATCH, DumpFilter.all().fromNs(T0 + 7), 1)).containsExactly(D6);
        assertThat(dump(JournalKind.DISPATCH, DumpFilter.all().toNs(T0), 0)).isEmpty();
    }

    @Test
    void shouldCombineFilters()
    {
        assertThat(dump(JournalKind.DISPATCH,
            DumpFilter.all().actor(BOOK).direction(Direction.RESPONSE).fromNs(T0 + 1).toNs(T0 + 7), 1))
            .containsExactly(D1);
    }

    @Test
    void shouldDumpAnEnvelopeMissingRequiredFieldsAsMalformed()
    {
        final Path other = directory.resolve("other");
        final byte[] onlyRouteKey = { 0x0A, 0x01, 'a' };
        try (ReplayJournal journal = ReplayJournal.open(context(other, clock)))
        {
            journal.appendIngress(T0, FrameKind.ENVELOPE, 0, 0, 9, -1, buffer(onlyRouteKey), 0, onlyRouteKey.length);
        }

        final StringBuilder out = new StringBuilder();
        assertThat(JournalDump.dump(other, JournalKind.INGRESS, DumpFilter.all(), out)).isEqualTo(1);
        assertThat(out.toString()).isEqualTo(
            "ingress #0 t=2026-11-23T12:00:00.000000000Z ENVELOPE caller=#0 target=#0 type=9 malformed (3 bytes)\n");
    }

    @Test
    void shouldDumpWhileTheWriterIsOpen()
    {
        try (ReplayJournal journal = ReplayJournal.open(context(directory, clock)))
        {
            dispatch(journal, 8, DispatchInput.TIMEOUT, 2, 1, 47, new byte[0]);

            assertThat(dump(JournalKind.DISPATCH, DumpFilter.all().fromNs(T0 + 8), 1)).containsExactly(
                "dispatch #7 t=2026-11-23T12:00:00.000000008Z actor=2@1/acme:pay:1 caller=1@1/acme:book:1 " +
                    "TIMEOUT id=47");
        }
    }

    @Test
    void shouldReturnCopiesFromFilterSetters()
    {
        final DumpFilter all = DumpFilter.all();
        final DumpFilter byRoute = all.route("acme.Book.Place");

        assertThat(all.route()).isNull();
        assertThat(byRoute.route()).isEqualTo("acme.Book.Place");
        assertThat(byRoute).isEqualTo(DumpFilter.all().route("acme.Book.Place")).isNotEqualTo(all);
    }
}
