package dev.actr.engine;

import com.google.protobuf.Int64Value;
import dev.actr.engine.actor.Actor;

/**
 * Small stateful actors for threading and replay tests.
 */
final class ReplayActors
{
    private ReplayActors()
    {
    }

    /**
     * @return an actor whose {@code t.Add} adds the request to a running total and answers the total.
     */
    static Actor counter()
    {
        final long[] total = new long[1];
        return routes -> routes.handle("t.Add", Int64Value.parser(), (c, request) ->
        {
            total[0] += request.getValue();
            return Int64Value.of(total[0]);
        });
    }
}
