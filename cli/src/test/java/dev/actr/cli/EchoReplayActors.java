package dev.actr.cli;

import com.google.protobuf.Int64Value;
import dev.actr.codec.id.ActrIds;
import dev.actr.engine.NodeContext;

/**
 * The actors {@link JournalCommandTest} records, for {@code actr journal replay --actors}: an echo actor with the
 * routes acme.Echo.Say and acme.Echo.Shout.
 */
public final class EchoReplayActors implements ReplayActors
{
    static final String ECHO = "1f@7/acme:echo:1";

    @Override
    public NodeContext newContext()
    {
        return echo(ECHO, 0);
    }

    static NodeContext echo(final String id, final long shoutDelta)
    {
        return new NodeContext().actor(ActrIds.parse(id), routes -> routes
            .handle("acme.Echo.Say", Int64Value.parser(), (ctx, value) -> value)
            .handle("acme.Echo.Shout", Int64Value.parser(),
                (ctx, value) -> Int64Value.of(value.getValue() + shoutDelta)));
    }

    /** The same actor, but Shout answers one more than it was sent: the replay diverges there. */
    public static final class Shouting implements ReplayActors
    {
        @Override
        public NodeContext newContext()
        {
            return echo(ECHO, 1);
        }
    }

    /** Another actor id than the journal's manifest names. */
    public static final class Stranger implements ReplayActors
    {
        @Override
        public NodeContext newContext()
        {
            return echo("1f@7/acme:stranger:1", 0);
        }
    }
}
