/**
 * Decoding, validation and allocation-free encoding of the protobuf {@code RpcEnvelope} carried in a lane frame's
 * payload: the step between a decoded frame and the engine's router, and back out. Rules of the protocol that
 * protobuf itself cannot check (a deadline only on requests, a known direction) are checked here. Trace context and
 * metadata entries from other actr implementations are read in place ({@link
 * dev.actr.codec.envelope.MetadataFlyweight}) and written back in protobuf-java's bytes.
 */
package dev.actr.codec.envelope;
