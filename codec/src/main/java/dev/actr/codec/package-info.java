/**
 * The actr wire codec: the start of every data flow, used by every other module.
 *
 * <p>Inbound bytes from a lane are checked here before anything else sees them: {@code frame} decodes the
 * WebSocket lane frame, {@code fragment} splits and reassembles WebRTC DataChannel messages, {@code envelope}
 * decodes and validates the protobuf {@code RpcEnvelope}, and {@code id} gives {@code ActrId} its text form.
 * The generated protobuf classes live in {@code dev.actr.codec.proto} (built from {@code src/main/proto}).
 *
 * <p><b>Buffers:</b> every codec works over Agrona {@link org.agrona.DirectBuffer} /
 * {@link org.agrona.MutableDirectBuffer}, never over Netty {@code ByteBuf}. Agrona is already what the engine
 * is built on (primitive maps, idle strategies, agents), its buffers wrap a {@code byte[]}, a heap or direct
 * {@code ByteBuffer} or a raw address without copying, so a Netty {@code ByteBuf}, a WebRTC callback array and
 * a Chronicle record can all be viewed through one type; and it keeps Netty out of every module but
 * {@code lanes}.
 *
 * <p><b>Errors:</b> decoders never throw for bad bytes. They return a {@link dev.actr.codec.CodecStatus};
 * anything but {@link dev.actr.codec.CodecStatus#OK} names what was wrong. Cold-path parsers (the
 * {@code ActrId} text form) throw {@link dev.actr.codec.CodecException}, which carries the same status.
 */
package dev.actr.codec;
