package dev.actr.cli.demo;

import java.nio.file.Path;

/**
 * Where the demo's actors run and how their nodes are joined: one node, two nodes of this JVM over the in-process
 * lane ({@link InProcessTopology}), or — the same actors — a second process over a network lane. Whatever the
 * topology, the client side (gateway, risk, subscriber) gets its requests from this JVM's host, and the exchange
 * side (exchange, market data) runs on a durable node with its replay journal on, in its own folder.
 */
public interface DemoTopology
{
    /**
     * @return the lane's name, as printed in the results.
     */
    String name();

    /**
     * Launch the nodes and actors and wait until every node can reach the others.
     *
     * @param ctx       the demo's options.
     * @param directory an empty folder of this lane's own: the exchange side's node keeps its files under it.
     * @return the running deployment; closing it stops every node (and process) it started.
     * @throws RuntimeException when a node does not launch or the nodes cannot connect.
     */
    DemoDeployment deploy(DemoContext ctx, Path directory);
}
