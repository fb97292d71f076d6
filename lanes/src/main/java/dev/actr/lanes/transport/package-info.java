/**
 * Netty plumbing shared by the WebSocket lane and signaling: the I/O transport (epoll when its native library
 * loads, NIO otherwise), event loop groups with injected thread factories, and zero-copy views of Netty buffers
 * as Agrona buffers.
 *
 * <p>Data flow position: under {@code dev.actr.lanes.websocket} and {@code dev.actr.lanes.signaling}; sockets
 * below, lane frames and signaling envelopes above.
 */
package dev.actr.lanes.transport;
