package com.example.echo;

import com.example.echo.v1.EchoHandler;
import com.example.echo.v1.Note;
import com.example.echo.v1.SayReply;
import com.example.echo.v1.SayRequest;
import com.google.protobuf.Empty;
import dev.actr.engine.actor.Actor;
import dev.actr.engine.actor.ActorContext;
import dev.actr.engine.actor.Routes;

/**
 * Serves acme.echo.v1.Echo through the generated handler; Forget is left to its NotImplemented default.
 */
public final class EchoActor implements Actor, EchoHandler
{
    private Note lastNote = Note.getDefaultInstance();

    @Override
    public void onRegister(final Routes routes)
    {
        EchoHandler.bind(routes, this);
    }

    @Override
    public SayReply say(final ActorContext ctx, final SayRequest request)
    {
        return SayReply.newBuilder().setText("you said " + request.getText()).build();
    }

    @Override
    public Empty remember(final ActorContext ctx, final Note request)
    {
        lastNote = request;
        return Empty.getDefaultInstance();
    }

    @Override
    public Note recall(final ActorContext ctx, final Empty request)
    {
        return lastNote;
    }
}
