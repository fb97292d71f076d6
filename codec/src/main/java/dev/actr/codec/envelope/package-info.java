/**
 * Decoding and validation of the protobuf {@code RpcEnvelope} carried in a lane frame's payload: the step
 * between a decoded frame and the engine's router. Rules of the protocol that protobuf itself cannot check
 * (a deadline only on requests, a known direction) are checked here.
 */
package dev.actr.codec.envelope;
