package com.example.echo;

import com.example.echo.v1.EchoClient;
import com.example.echo.v1.RelayHandler;
import com.example.echo.v1.SayReply;
import com.example.echo.v1.SayRequest;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.DeferredReply;
import dev.actr.engine.actor.Dest;
import dev.actr.engine.actor.ReplyHandler;
import dev.actr.engine.actor.Routes;
import dev.actr.codec.proto.ActrId;

/**
 * Serves acme.echo.v1.Relay by calling Echo through the generated client and answering from the continuation.
 */
public final class RelayActor implements Actor, RelayHandler
{
    private static final long ECHO_TIMEOUT_MS = 5_000;

    private final EchoClient echo;

    /**
     * @param echo the Echo actor to forward to.
     */
    public RelayActor(final ActrId echo)
    {
        this.echo = EchoClient.to(Dest.workload(echo));
    }

    @Override
    public void onRegister(final Routes routes)
    {
        RelayHandler.bind(routes, this);
    }

    @Override
    public SayReply forward(final ActorContext ctx, final SayRequest request)
    {
        final DeferredReply<SayReply> reply = ctx.defer();
        echo.say(ctx, request, ECHO_TIMEOUT_MS).then(new ReplyHandler<>()
        {
            @Override
            public void onReply(final ActorContext context, final SayReply response)
            {
                reply.reply(SayReply.newBuilder().setText("relayed: " + response.getText()).build());
            }

            @Override
            public void onError(final ActorContext context, final int errorCode, final String message)
            {
                reply.fail(errorCode, message);
            }
        });
        return null;
    }
}
