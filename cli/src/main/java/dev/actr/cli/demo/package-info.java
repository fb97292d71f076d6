/**
 * {@code actr demo}: the product's showcase and its end-to-end check. A trading workload of typed actors
 * (src/main/proto/demo/trading.proto, turned into handlers and clients by actr-codegen at build time) runs on each
 * lane: the host's {@link dev.actr.cli.demo.LoadDriver} sends a seeded order flow to the gateway, which calls risk
 * and then the exchange (an {@link dev.actr.cli.demo.OrderBook}); the exchange tells market data, which streams the
 * tape and the top of the book to a subscriber. A {@link dev.actr.cli.demo.DemoTopology} places the actors on one or
 * two nodes and joins them by a lane — in this JVM, or over the network to a second process
 * ({@link dev.actr.cli.demo.TwoProcessTopology}: a signaling server embedded here, both nodes on a
 * {@code NodeNetwork}, WebSocket or WebRTC); {@link dev.actr.cli.demo.Demo#run} drives, measures, replays and checks,
 * and {@link dev.actr.cli.demo.DemoExchangeNodeMain} is the exchange side's entry point in the second process.
 */
package dev.actr.cli.demo;
