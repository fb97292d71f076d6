package dev.actr.journal.replay;

import dev.actr.codec.FrameKind;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.PayloadType;
import dev.actr.codec.proto.RpcEnvelope;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders one journal record as one line of text. Cold path.
 *
 * <pre>
 *   dispatch #12 t=2026-11-23T12:00:00.000000001Z actor=1@1/acme:book:1 caller=host MESSAGE REQUEST
 *       route=acme.Book.Place id=42 timeout=500ms payload=17B
 *   ingress #3 t=... ENVELOPE caller=host target=1@1/acme:book:1 type=RPC_RELIABLE REQUEST route=... id=42 ...
 *   outbound #4 t=... dispatch=#12 ENVELOPE sender=1@1/acme:book:1 target=host type=RPC_RELIABLE RESPONSE
 *       route=acme.Book.Place id=42 payload=0B error=10002 TIMED_OUT "deadline passed"
 * </pre>
 * (each one line). Chunks read {@code stream=<id> seq=<n> payload=<n>B}; timeouts {@code id=<correlation id>};
 * bytes that do not decode {@code malformed (<n> bytes)}.
 */
final class RecordText
{
    private static final DateTimeFormatter TIME =
        DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private RecordText()
    {
    }

    /**
     * @param record   a record.
     * @param ordinal  its position in its journal, from 0 (the number shown for ingress and outbound records).
     * @param body     its decoded bytes (null for an incomplete record).
     * @param manifest names of its indexes.
     * @return its line, without a line break.
     */
    static String line(
        final JournalRecord record, final long ordinal, final RecordBody body, final JournalManifest manifest)
    {
        final JournalKind journal = record.journal();
        final StringBuilder line = new StringBuilder(160).append(journal.directoryName()).append(" #");
        if (!record.isComplete())
        {
            return line.append(ordinal).append(" malformed record (").append(record.recordLength())
                .append(" bytes)").toString();
        }
        line.append(journal == JournalKind.DISPATCH ? record.dispatchSequence() : ordinal);
        line.append(" t=").append(time(record.timeNs()));
        switch (journal)
        {
            case DISPATCH:
                line.append(" actor=").append(manifest.actorName(record.actorIndex()))
                    .append(" caller=").append(manifest.actorName(record.callerIndex()))
                    .append(' ').append(DispatchInput.name(record.inputType()));
                break;
            case INGRESS:
                line.append(' ').append(FrameKind.name(record.kind()))
                    .append(" caller=").append(manifest.actorName(record.callerIndex()))
                    .append(" target=").append(manifest.actorName(record.targetIndex()))
                    .append(" type=").append(payloadType(record.payloadType()));
                break;
            default:
                final long dispatchSequence = record.dispatchSequence();
                line.append(" dispatch=").append(dispatchSequence < 0 ? "-" : "#" + dispatchSequence)
                    .append(' ').append(FrameKind.name(record.kind()))
                    .append(" sender=").append(manifest.actorName(record.senderIndex()))
                    .append(" target=").append(manifest.actorName(record.targetIndex()))
                    .append(" type=").append(payloadType(record.payloadType()));
                break;
        }
        appendBody(line, record, body);
        return line.toString();
    }

    private static void appendBody(final StringBuilder line, final JournalRecord record, final RecordBody body)
    {
        switch (body.type())
        {
            case ENVELOPE:
                appendEnvelope(line.append(' '), body.envelope());
                break;
            case CHUNK:
                appendChunk(line.append(' '), body.chunk());
                break;
            case MALFORMED:
                line.append(" malformed (").append(record.length()).append(" bytes)");
                break;
            default:
                final int inputType = record.inputType();
                if (inputType == DispatchInput.TIMEOUT || inputType == DispatchInput.DEFERRED_TIMEOUT ||
                    inputType == DispatchInput.START)
                {
                    line.append(" id=").append(record.correlationId());
                }
                if (record.length() > 0)
                {
                    line.append(" bytes=").append(record.length()).append('B');
                }
                break;
        }
    }

    private static void appendEnvelope(final StringBuilder line, final RpcEnvelope envelope)
    {
        line.append(envelope.getDirection().name())
            .append(" route=").append(clean(envelope.getRouteKey()))
            .append(" id=").append(clean(envelope.getRequestId()));
        if (envelope.getTimeoutMs() != 0)
        {
            line.append(" timeout=").append(envelope.getTimeoutMs()).append("ms");
        }
        line.append(" payload=").append(envelope.getPayload().size()).append('B');
        if (envelope.hasError())
        {
            final int code = envelope.getError().getCode();
            line.append(" error=").append(Integer.toUnsignedString(code));
            final ErrorCode runtimeCode = ErrorCode.forCode(code);
            if (runtimeCode != null)
            {
                line.append(' ').append(runtimeCode.name());
            }
            line.append(" \"").append(clean(envelope.getError().getMessage())).append('"');
        }
    }

    private static void appendChunk(final StringBuilder line, final DataChunk chunk)
    {
        line.append("stream=").append(clean(chunk.getStreamId()))
            .append(" seq=").append(Long.toUnsignedString(chunk.getSequence()))
            .append(" payload=").append(chunk.getPayload().size()).append('B');
    }

    /**
     * @param timeNs epoch ns.
     * @return ISO-8601 UTC with nine fraction digits.
     */
    static String time(final long timeNs)
    {
        return TIME.format(Instant.ofEpochSecond(
            Math.floorDiv(timeNs, NANOS_PER_SECOND), Math.floorMod(timeNs, NANOS_PER_SECOND)));
    }

    private static String payloadType(final int number)
    {
        final PayloadType payloadType = PayloadType.forNumber(number);
        return payloadType == null ? Integer.toString(number) : payloadType.name();
    }

    /**
     * @param text decoded from a record.
     * @return the text with quotes, backslashes and control characters escaped, so a record stays one line.
     */
    static String clean(final String text)
    {
        StringBuilder escaped = null;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            final boolean escape = c < 0x20 || c == '"' || c == '\\' || c == 0x7F;
            if (escape && escaped == null)
            {
                escaped = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (escaped != null)
            {
                if (c == '"' || c == '\\')
                {
                    escaped.append('\\').append(c);
                }
                else if (escape)
                {
                    escaped.append(String.format("\\u%04x", (int)c));
                }
                else
                {
                    escaped.append(c);
                }
            }
        }
        return escaped == null ? text : escaped.toString();
    }
}
