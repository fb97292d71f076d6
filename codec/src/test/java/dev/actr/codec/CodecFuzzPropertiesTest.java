package dev.actr.codec;

import com.google.protobuf.ByteString;
import dev.actr.codec.envelope.RpcEnvelopeDecoder;
import dev.actr.codec.fragment.FragmentDescriptor;
import dev.actr.codec.fragment.FragmentHeaderFlyweight;
import dev.actr.codec.fragment.MessageHandler;
import dev.actr.codec.fragment.Reassembler;
import dev.actr.codec.fragment.ReassemblyContext;
import dev.actr.codec.frame.LaneFrameDecoder;
import dev.actr.codec.frame.LaneFrameDescriptor;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.MetadataEntry;
import dev.actr.codec.proto.Realm;
import dev.actr.codec.proto.RpcEnvelope;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.actr.codec.RandomTrials.between;
import static dev.actr.codec.RandomTrials.oneOf;
import static dev.actr.codec.RandomTrials.sizeUpTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary input to every decoder gives a result or a typed error, never another exception, and never breaks a
 * decoder's own bounds. Each trial throws on anything unexpected, so an exception other than the documented one
 * fails the test with the seed that produced it.
 */
class CodecFuzzPropertiesTest
{
    private static final int MAX_INPUT = 70_000;
    private static final long SLOT = FragmentDescriptor.MAX_FRAGMENT_PAYLOAD_LENGTH;

    private static final Set<CodecStatus> FRAME_STATUSES = EnumSet.of(
        CodecStatus.OK, CodecStatus.TRUNCATED, CodecStatus.UNKNOWN_PAYLOAD_TYPE, CodecStatus.OVERSIZE);
    private static final Set<CodecStatus> FRAGMENT_HEADER_STATUSES = EnumSet.of(
        CodecStatus.OK, CodecStatus.TRUNCATED, CodecStatus.OVERSIZE, CodecStatus.ZERO_TOTAL_FRAGMENTS,
        CodecStatus.FRAGMENT_INDEX_OUT_OF_RANGE, CodecStatus.EMPTY_FRAGMENT);
    private static final Set<CodecStatus> REASSEMBLY_STATUSES = EnumSet.of(
        CodecStatus.OK, CodecStatus.TRUNCATED, CodecStatus.OVERSIZE, CodecStatus.ZERO_TOTAL_FRAGMENTS,
        CodecStatus.FRAGMENT_INDEX_OUT_OF_RANGE, CodecStatus.EMPTY_FRAGMENT, CodecStatus.TOTAL_MISMATCH,
        CodecStatus.DUPLICATE_FRAGMENT, CodecStatus.MESSAGE_TOO_LARGE, CodecStatus.REASSEMBLY_FULL);
    private static final Set<CodecStatus> ENVELOPE_STATUSES = EnumSet.of(
        CodecStatus.OK, CodecStatus.TRUNCATED, CodecStatus.OVERSIZE, CodecStatus.MALFORMED_MESSAGE,
        CodecStatus.INVALID_DEADLINE, CodecStatus.INVALID_DIRECTION);

    /** An independent statement of the ActrId text grammar, checked against the parser. */
    private static final Pattern ACTR_ID =
        Pattern.compile("([0-9a-fA-F]{1,16})@([0-9]{1,10})/([^@/:]+):([^@/:]+):([^@/:]*)");

    @Test
    void shouldDecodeArbitraryBytesAsLaneFrameOrTypedError()
    {
        RandomTrials.run(5000, random ->
        {
            final byte[] bytes = RandomTrials.bytes(random, sizeUpTo(random, MAX_INPUT));
            final int maxPayload = oneOf(random, 0, 100, LaneFrameDescriptor.DEFAULT_MAX_PAYLOAD_LENGTH,
                between(random, 0, Integer.MAX_VALUE));
            final LaneFrameDecoder decoder = new LaneFrameDecoder(maxPayload);
            final int offset = offset(random, bytes.length);
            final int length = length(random, bytes.length, offset);
            plantPlausibleFrameHeader(random, bytes, offset, length);
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);

            final CodecStatus status = decoder.wrap(buffer, offset, length);
            assertThat(status).isIn(FRAME_STATUSES);
            if (status == CodecStatus.OK)
            {
                assertThat(decoder.payloadType()).isNotNull();
                assertThat(decoder.payloadTypeNumber()).isBetween(0, 4);
                assertThat(decoder.payloadLength()).isBetween(0, maxPayload);
                assertThat(decoder.frameLength()).isLessThanOrEqualTo(length);
                assertThat(decoder.payloadOffset()).isEqualTo(offset + LaneFrameDescriptor.HEADER_LENGTH);
                assertThat((long)decoder.payloadOffset() + decoder.payloadLength()).isLessThanOrEqualTo(bytes.length);
            }
            else
            {
                assertThat(decoder.payloadType()).isNull();
            }

            final CodecStatus exact = decoder.wrapExact(buffer, offset, length);
            if (status == CodecStatus.OK)
            {
                assertThat(exact).isEqualTo(
                    decoder.frameLength() == length ? CodecStatus.OK : CodecStatus.TRAILING_BYTES);
            }
            else
            {
                assertThat(exact).isEqualTo(status);
            }
        });
    }

    @Test
    void shouldWrapArbitraryBytesAsFragmentHeaderOrTypedError()
    {
        RandomTrials.run(5000, random ->
        {
            final byte[] bytes = RandomTrials.bytes(random, sizeUpTo(random, MAX_INPUT));
            final int offset = offset(random, bytes.length);
            final int length = length(random, bytes.length, offset);
            plantPlausibleFragmentHeader(random, bytes, offset, length);
            final FragmentHeaderFlyweight header = new FragmentHeaderFlyweight();

            final CodecStatus status = header.wrap(new UnsafeBuffer(bytes), offset, length);

            assertThat(status).isIn(FRAGMENT_HEADER_STATUSES);
            if (status == CodecStatus.OK)
            {
                assertThat(length).isBetween(FragmentDescriptor.HEADER_LENGTH, FragmentDescriptor.MAX_FRAGMENT_LENGTH);
                assertThat(header.totalFrags()).isBetween(1, FragmentDescriptor.MAX_TOTAL_FRAGMENTS);
                assertThat(header.fragIndex()).isLessThan(header.totalFrags());
                assertThat(header.payloadLength()).isEqualTo(length - FragmentDescriptor.HEADER_LENGTH);
                assertThat(header.payloadLength()).isGreaterThanOrEqualTo(header.totalFrags() > 1 ? 1 : 0);
            }
        });
    }

    @Test
    void shouldKeepReassemblerWithinItsBoundsWhateverFragmentsArrive()
    {
        RandomTrials.run(300, random ->
        {
            final long[] nowNs = {random.nextLong()};
            final long ttlNs = between(random, 1, 1_000_000);
            final long maxBytesHeld = 4 * SLOT;
            final int maxPartialMessages = 8;
            final int maxMessageLength = oneOf(random, 1000, 100_000, 16 * 1024 * 1024);
            final Reassembler reassembler = new Reassembler(new ReassemblyContext()
                .nanoClock(() -> nowNs[0])
                .ttlNs(ttlNs)
                .maxBytesHeld(maxBytesHeld)
                .maxPartialMessages(maxPartialMessages)
                .maxMessageLength(maxMessageLength));
            final long[] deliveries = {0};
            final MessageHandler handler = (msgId, buffer, offset, length) ->
            {
                assertThat(length).isBetween(0, maxMessageLength);
                assertThat((long)offset + length).isLessThanOrEqualTo(buffer.capacity());
                deliveries[0]++;
            };
            final int[] msgIds = {0, 1, 2, 3, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, random.nextInt()};
            long accepted = 0;
            long rejected = 0;

            for (int i = 0; i < 200; i++)
            {
                final byte[] fragment = random.nextInt(5) == 0 ?
                    RandomTrials.bytes(random, sizeUpTo(random, MAX_INPUT)) :
                    randomHeaderFragment(random, msgIds[random.nextInt(msgIds.length)]);
                final long evictionsBefore = reassembler.evictionsForSpace();
                final CodecStatus status =
                    reassembler.onFragment(new UnsafeBuffer(fragment), 0, fragment.length, handler);

                assertThat(status).isIn(REASSEMBLY_STATUSES);
                if (status == CodecStatus.OK)
                {
                    accepted++;
                }
                else
                {
                    rejected++;
                }
                assertThat(reassembler.bytesHeld()).isBetween(0L, maxBytesHeld);
                assertThat(reassembler.blockBytesAllocated()).isBetween(0L, maxBytesHeld);
                assertThat(reassembler.partialMessages()).isBetween(0, maxPartialMessages);
                assertThat(reassembler.fragmentsRejected()).isEqualTo(rejected);
                if (status == CodecStatus.REASSEMBLY_FULL)
                {
                    // A message that cannot be held is refused without costing anyone else their partial.
                    assertThat(reassembler.evictionsForSpace()).isEqualTo(evictionsBefore);
                }
                nowNs[0] += between(random, 0, (int)(ttlNs / 4));
            }

            assertThat(accepted + rejected).isEqualTo(200);
            assertThat(reassembler.messagesCompleted()).isEqualTo(deliveries[0]);
            nowNs[0] += ttlNs;
            reassembler.expire();
            assertThat(reassembler.bytesHeld()).isZero();
            assertThat(reassembler.partialMessages()).isZero();
        });
    }

    @Test
    void shouldDecodeArbitraryBytesAsEnvelopeOrTypedError()
    {
        RandomTrials.run(3000, random ->
        {
            final RpcEnvelope original = randomEnvelope(random);
            final int kind = random.nextInt(3);
            final byte[] bytes = kind == 0 ? RandomTrials.bytes(random, sizeUpTo(random, MAX_INPUT)) :
                kind == 1 ? mutate(random, original.toByteArray()) : original.toByteArray();
            final int maxLength = oneOf(random, 64, 1024 * 1024);
            final RpcEnvelopeDecoder decoder = new RpcEnvelopeDecoder(maxLength);
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);

            final CodecStatus status = decoder.decode(buffer, 0, bytes.length);

            assertThat(status).isIn(ENVELOPE_STATUSES);
            if (status == CodecStatus.OK)
            {
                assertThat(decoder.envelope()).isNotNull();
                assertThat(RpcEnvelopeDecoder.validate(decoder.envelope())).isEqualTo(CodecStatus.OK);
                assertThat(RpcEnvelope.parseFrom(decoder.envelope().toByteArray())).isEqualTo(decoder.envelope());
            }
            else
            {
                assertThat(decoder.envelope()).isNull();
            }
            if (kind == 2)
            {
                // Well-formed bytes: the verdict is the length bound's, else exactly the protocol rules'.
                assertThat(status).isEqualTo(
                    bytes.length > maxLength ? CodecStatus.OVERSIZE : RpcEnvelopeDecoder.validate(original));
                if (status == CodecStatus.OK)
                {
                    assertThat(decoder.envelope()).isEqualTo(original);
                }
            }
            assertThat(decoder.decode(buffer, offset(random, bytes.length), between(random, -10, MAX_INPUT)))
                .isIn(ENVELOPE_STATUSES);
        });
    }

    @Test
    void shouldParseArbitraryTextAsActrIdExactlyWhenGrammarAllowsIt()
    {
        RandomTrials.run(10_000, random ->
        {
            final String text = random.nextBoolean() ? randomText(random) : nearlyValidId(random);
            final Matcher grammar = ACTR_ID.matcher(text);
            final boolean valid = grammar.matches() && partsAreClean(grammar) &&
                Long.parseLong(grammar.group(2)) <= 0xFFFF_FFFFL;

            final ActrId id;
            try
            {
                id = ActrIds.parse(text);
            }
            catch (final CodecException ex)
            {
                assertThat(valid).as("rejected valid text \"%s\": %s", text, ex.getMessage()).isFalse();
                assertThat(ex.status()).isEqualTo(CodecStatus.INVALID_ACTR_ID);
                assertThat(ex.getMessage()).startsWith("INVALID_ACTR_ID: ");
                return;
            }
            assertThat(valid).as("accepted invalid text \"%s\"", text).isTrue();
            assertThat(id.getSerialNumber()).isEqualTo(Long.parseUnsignedLong(grammar.group(1), 16));
            assertThat(Integer.toUnsignedLong(id.getRealm().getRealmId())).isEqualTo(Long.parseLong(grammar.group(2)));
            assertThat(id.getType().getManufacturer()).isEqualTo(grammar.group(3));
            assertThat(id.getType().getName()).isEqualTo(grammar.group(4));
            assertThat(id.getType().getVersion()).isEqualTo(grammar.group(5));
            assertThat(id.getType().hasVersion()).isEqualTo(!grammar.group(5).isEmpty());
            assertThat(ActrIds.parse(ActrIds.format(id))).isEqualTo(id);
        });
    }

    @Test
    void shouldRoundTripGeneratedActrIdsThroughFormatAndParse()
    {
        RandomTrials.run(2000, random ->
        {
            final ActrType.Builder type = ActrType.newBuilder()
                .setManufacturer(randomPart(random, 1))
                .setName(randomPart(random, 1));
            final String version = randomPart(random, 0);
            if (!version.isEmpty())
            {
                type.setVersion(version);
            }
            final ActrId id = ActrId.newBuilder()
                .setSerialNumber(random.nextInt(4) == 0 ? edgeLong(random) : random.nextLong())
                .setRealm(Realm.newBuilder().setRealmId(
                    random.nextInt(4) == 0 ? oneOf(random, 0, -1, Integer.MIN_VALUE) : random.nextInt()))
                .setType(type)
                .build();

            final String text = ActrIds.format(id);

            assertThat(ActrIds.parse(text)).isEqualTo(id);
            assertThat(ActrIds.format(ActrIds.parse(text))).isEqualTo(text);
            assertThat(ActrIds.parseType(ActrIds.format(id.getType()))).isEqualTo(id.getType());
        });
    }

    private static long edgeLong(final Random random)
    {
        final long[] edges = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0xFFFF_FFFFL, 0x1_0000_0000L};
        return edges[random.nextInt(edges.length)];
    }

    private static int offset(final Random random, final int capacity)
    {
        switch (random.nextInt(8))
        {
            case 0:
                return random.nextInt();
            case 1:
                return oneOf(random, -1, capacity, capacity + 1, Integer.MAX_VALUE, Integer.MIN_VALUE);
            default:
                return between(random, 0, Math.min(capacity, 16));
        }
    }

    private static int length(final Random random, final int capacity, final int offset)
    {
        final int available = offset >= 0 && offset <= capacity ? capacity - offset : 0;
        switch (random.nextInt(8))
        {
            case 0:
                return random.nextInt();
            case 1:
                return available + oneOf(random, -1, 1, Integer.MAX_VALUE - available);
            case 2:
                return available;
            default:
                return sizeUpTo(random, available);
        }
    }

    private static void plantPlausibleFrameHeader(
        final Random random, final byte[] bytes, final int offset, final int length)
    {
        if (random.nextBoolean() && offset >= 0 && length >= LaneFrameDescriptor.HEADER_LENGTH &&
            offset <= bytes.length - LaneFrameDescriptor.HEADER_LENGTH)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            buffer.putByte(offset, (byte)between(random, 0, 5));
            final int payload = length - LaneFrameDescriptor.HEADER_LENGTH;
            buffer.putInt(offset + 1, Math.max(0, payload + between(random, -2, 1)), ByteOrder.BIG_ENDIAN);
        }
    }

    private static void plantPlausibleFragmentHeader(
        final Random random, final byte[] bytes, final int offset, final int length)
    {
        if (random.nextBoolean() && offset >= 0 && offset <= bytes.length - FragmentDescriptor.HEADER_LENGTH)
        {
            final int total = oneOf(random, 0, 1, 2, 3, 0xFFFF);
            final int index = between(random, 0, total + 1);
            FragmentHeaderFlyweight.encode(new UnsafeBuffer(bytes), offset, random.nextInt(), index, total);
        }
    }

    private static byte[] randomHeaderFragment(final Random random, final int msgId)
    {
        final int total = random.nextInt(8) == 0 ? between(random, 0, 0xFFFF) : oneOf(random, 0, 1, 2, 3, 4, 8);
        final int index = random.nextInt(10) == 0 ? between(random, 0, 0xFFFF) : between(random, 0, Math.max(0, total));
        final int payload = random.nextInt(20) == 0 ?
            between(random, 0, FragmentDescriptor.MAX_FRAGMENT_PAYLOAD_LENGTH + 2) : sizeUpTo(random, 2000);
        final byte[] fragment = RandomTrials.bytes(random, FragmentDescriptor.HEADER_LENGTH + payload);
        FragmentHeaderFlyweight.encode(new UnsafeBuffer(fragment), 0, msgId, index, total);
        return fragment;
    }

    private static RpcEnvelope randomEnvelope(final Random random)
    {
        final RpcEnvelope.Builder builder = RpcEnvelope.newBuilder()
            .setRouteKey(randomPart(random, 0))
            .setRequestId(Long.toString(random.nextLong()))
            .setTimeoutMs(oneOf(random, 0, 0, 1, 1000, -1, random.nextInt()));
        if (random.nextInt(5) != 0)
        {
            builder.setDirection(Direction.forNumber(between(random, 0, 3)));
        }
        if (random.nextBoolean())
        {
            builder.setPayload(ByteString.copyFrom(RandomTrials.bytes(random, sizeUpTo(random, 2000))));
        }
        for (int i = random.nextInt(3); i > 0; i--)
        {
            builder.addMetadata(MetadataEntry.newBuilder().setKey(randomPart(random, 0)).setValue(randomPart(random, 0)));
        }
        if (random.nextBoolean())
        {
            builder.setTraceparent(randomPart(random, 0));
        }
        return builder.build();
    }

    private static byte[] mutate(final Random random, final byte[] bytes)
    {
        switch (random.nextInt(3))
        {
            case 0:
                final byte[] flipped = bytes.clone();
                for (int i = between(random, 1, 3); i > 0 && flipped.length > 0; i--)
                {
                    flipped[random.nextInt(flipped.length)] = (byte)random.nextInt();
                }
                return flipped;
            case 1:
                return Arrays.copyOf(bytes, between(random, 0, bytes.length));
            default:
                final byte[] extended = Arrays.copyOf(bytes, bytes.length + between(random, 1, 8));
                for (int i = bytes.length; i < extended.length; i++)
                {
                    extended[i] = (byte)random.nextInt();
                }
                return extended;
        }
    }

    private static boolean partsAreClean(final Matcher grammar)
    {
        for (int group = 3; group <= 5; group++)
        {
            final String part = grammar.group(group);
            for (int i = 0; i < part.length(); i++)
            {
                final char c = part.charAt(i);
                if (Character.isWhitespace(c) || Character.isISOControl(c))
                {
                    return false;
                }
            }
        }
        return true;
    }

    private static final String ID_ALPHABET = "0123456789abcdefABCDEFgG@@//:::.-_+ \t\n\u0000\u00A0\u2003é字";

    private static String randomText(final Random random)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = sizeUpTo(random, 40); i > 0; i--)
        {
            text.append(random.nextInt(4) == 0 ?
                (char)random.nextInt(0x10000) : ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return text.toString();
    }

    private static String nearlyValidId(final Random random)
    {
        final StringBuilder text = new StringBuilder(
            Long.toHexString(random.nextLong() >>> random.nextInt(64)) + '@' +
            Integer.toUnsignedString(random.nextInt() >>> random.nextInt(32)) + '/' +
            randomPart(random, 1) + ':' + randomPart(random, 1) + ':' + randomPart(random, 0));
        for (int edits = random.nextInt(3); edits > 0; edits--)
        {
            final int at = random.nextInt(text.length() + 1);
            final char c = ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length()));
            switch (random.nextInt(3))
            {
                case 0:
                    text.insert(at, c);
                    break;
                case 1:
                    if (at < text.length())
                    {
                        text.deleteCharAt(at);
                    }
                    break;
                default:
                    if (at < text.length())
                    {
                        text.setCharAt(at, c);
                    }
                    break;
            }
        }
        if (random.nextInt(8) == 0)
        {
            // Realms at the edge of u32 and of the ten-digit limit.
            final String[] realms = {"4294967295", "4294967296", "9999999999", "0000000007", "00000000007"};
            return text.toString().replaceFirst("@[0-9]*/", "@" + realms[random.nextInt(realms.length)] + "/");
        }
        return text.toString();
    }

    private static final String PART_ALPHABET = "abcxyzABCXYZ0129._-+~éüß字ðŸ";

    private static String randomPart(final Random random, final int minLength)
    {
        final StringBuilder part = new StringBuilder();
        for (int i = between(random, minLength, 12); i > 0; i--)
        {
            part.append(PART_ALPHABET.charAt(random.nextInt(PART_ALPHABET.length())));
        }
        return part.toString();
    }
}
