/**
 * WebSocket lane framing: {@code [payload_type u8][length u32 BE][payload]}.
 *
 * <p>A lane's I/O thread wraps each inbound binary message with {@link dev.actr.codec.frame.LaneFrameDecoder}
 * before the frame is published into the engine's ring; outbound, {@link dev.actr.codec.frame.LaneFrameEncoder}
 * writes the header in front of an encoded envelope. Neither allocates.
 */
package dev.actr.codec.frame;
