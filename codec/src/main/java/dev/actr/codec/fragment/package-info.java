/**
 * WebRTC DataChannel fragmentation: messages larger than one DataChannel message (65,535 bytes) are split
 * into fragments with an 8-byte header {@code [msg_id u32][frag_index u16][total_frags u16]}.
 *
 * <p>Outbound, a lane's {@link dev.actr.codec.fragment.Fragmenter} cuts an encoded frame into fragments;
 * inbound, the lane's callback thread feeds every DataChannel message to a
 * {@link dev.actr.codec.fragment.Reassembler}, which hands whole messages on to be published into the engine's
 * ring. {@code total_frags == 1} is the fast path: no copy, no state. The reassembler is bounded in time (TTL),
 * in partial messages, in bytes held and in message size, whatever a peer sends.
 */
package dev.actr.codec.fragment;
