/**
 * Protobuf payloads in and out of the engine's frames without a protobuf stream object per message: a
 * {@link dev.actr.engine.internal.payload.PayloadEncoder} serialises the user's message through one long-lived
 * {@code CodedOutputStream} over a scratch array (callers' threads: into the ring event; the engine: into a reply
 * frame), and a {@link dev.actr.engine.internal.payload.PayloadDecoder} parses a payload through one long-lived
 * {@code CodedInputStream} (the engine: requests for handlers and replies to actor calls; callers' threads: the
 * replies of blocking calls). What remains per message is the user's message objects themselves.
 */
package dev.actr.engine.internal.payload;
