package dev.actr.codec;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Buffers#equals} compares eight bytes at a time, then byte by byte: lengths 0..20 cover an empty range, a
 * tail alone (1..7), one and two full strides with and without a tail. Offsets 0..9 put the strides on and off
 * 8-byte alignment, in heap and direct buffers and across the two.
 */
class BuffersTest
{
    private static final int MAX_LENGTH = 20;
    private static final int MAX_OFFSET = 9;
    private static final int CAPACITY = MAX_OFFSET + MAX_LENGTH + MAX_OFFSET;

    enum Kind
    {
        HEAP, DIRECT;

        UnsafeBuffer allocate()
        {
            return this == HEAP ?
                new UnsafeBuffer(new byte[CAPACITY]) : new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY));
        }
    }

    @ParameterizedTest
    @CsvSource({"HEAP, HEAP", "HEAP, DIRECT", "DIRECT, HEAP", "DIRECT, DIRECT"})
    void shouldFindEqualRangesEqualAtEveryLengthAndOffset(final Kind aKind, final Kind bKind)
    {
        final UnsafeBuffer a = aKind.allocate();
        final UnsafeBuffer b = bKind.allocate();
        for (int length = 0; length <= MAX_LENGTH; length++)
        {
            for (int aOffset = 0; aOffset <= MAX_OFFSET; aOffset++)
            {
                for (int bOffset = 0; bOffset <= MAX_OFFSET; bOffset++)
                {
                    // Different bytes around the ranges, the same bytes inside them.
                    a.setMemory(0, CAPACITY, (byte)0x11);
                    b.setMemory(0, CAPACITY, (byte)0x22);
                    fill(a, aOffset, length);
                    fill(b, bOffset, length);

                    assertThat(Buffers.equals(a, aOffset, b, bOffset, length))
                        .as("length %d at offsets %d and %d", length, aOffset, bOffset).isTrue();
                    assertThat(Buffers.equals(b, bOffset, a, aOffset, length)).isTrue();
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"HEAP, HEAP", "HEAP, DIRECT", "DIRECT, HEAP", "DIRECT, DIRECT"})
    void shouldFindRangesDifferingInAnyOneByteUnequal(final Kind aKind, final Kind bKind)
    {
        final UnsafeBuffer a = aKind.allocate();
        final UnsafeBuffer b = bKind.allocate();
        final byte[] flips = {(byte)0x01, (byte)0x80, (byte)0xFF};
        for (int length = 1; length <= MAX_LENGTH; length++)
        {
            for (int aOffset = 0; aOffset <= MAX_OFFSET; aOffset += 3)
            {
                for (int bOffset = 0; bOffset <= MAX_OFFSET; bOffset += 2)
                {
                    for (int position = 0; position < length; position++)
                    {
                        for (final byte flip : flips)
                        {
                            fill(a, aOffset, length);
                            fill(b, bOffset, length);
                            b.putByte(bOffset + position, (byte)(b.getByte(bOffset + position) ^ flip));

                            final String where = position < length / Long.BYTES * Long.BYTES ? "stride" : "tail";
                            assertThat(Buffers.equals(a, aOffset, b, bOffset, length))
                                .as("length %d, offsets %d and %d, %s byte %d ^ %02x", length, aOffset, bOffset,
                                    where, position, flip & 0xFF)
                                .isFalse();
                            assertThat(Buffers.equals(b, bOffset, a, aOffset, length)).isFalse();
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7, 8, 9, 15, 16, 17, 20})
    void shouldFindRangeEqualToItself(final int length)
    {
        for (final Kind kind : Kind.values())
        {
            final UnsafeBuffer buffer = kind.allocate();
            fill(buffer, 3, length);

            assertThat(Buffers.equals(buffer, 3, buffer, 3, length)).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 8, 9, 16, 20})
    void shouldCompareOverlappingRangesOfOneBufferByContent(final int length)
    {
        final UnsafeBuffer same = Kind.HEAP.allocate();
        same.setMemory(0, CAPACITY, (byte)0x5A);

        assertThat(Buffers.equals(same, 0, same, 1, length)).isTrue();

        same.putByte(length, (byte)0);
        assertThat(Buffers.equals(same, 0, same, 1, length)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, CAPACITY})
    void shouldFindEmptyRangesEqualAnywhereUpToCapacity(final int offset)
    {
        final UnsafeBuffer a = Kind.HEAP.allocate();
        final UnsafeBuffer b = Kind.DIRECT.allocate();
        a.setMemory(0, CAPACITY, (byte)1);

        assertThat(Buffers.equals(a, offset, b, CAPACITY - offset, 0)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16})
    void shouldCompareWholeBuffersEndingExactlyAtStrideBoundary(final int length)
    {
        final UnsafeBuffer a = new UnsafeBuffer(new byte[length]);
        final UnsafeBuffer b = new UnsafeBuffer(ByteBuffer.allocateDirect(length));
        fill(a, 0, length);
        fill(b, 0, length);

        assertThat(Buffers.equals(a, 0, b, 0, length)).isTrue();
        b.putByte(length - 1, (byte)~b.getByte(length - 1));
        assertThat(Buffers.equals(a, 0, b, 0, length)).isFalse();
    }

    /** Distinct, position-independent bytes: byte i of every range is {@code 0x30 + i}. */
    private static void fill(final UnsafeBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            buffer.putByte(offset + i, (byte)(0x30 + i));
        }
    }
}
