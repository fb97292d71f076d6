package com.example.echo;

import com.example.echo.v1.EchoClient;
import com.example.echo.v1.Note;
import com.example.echo.v1.RelayClient;
import com.example.echo.v1.SayRequest;
import com.google.protobuf.Empty;
import dev.actr.codec.ErrorCode;
import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;
import dev.actr.engine.ActrNode;
import dev.actr.engine.CallFailedException;
import dev.actr.engine.HostClient;
import dev.actr.engine.NodeContext;
import dev.actr.engine.SendResult;
import dev.actr.engine.actor.Dest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Typed calls and tells through a real node: actors implemented with the generated handlers, called from the host
 * and from each other with the generated clients.
 */
class TypedActorsTest
{
    private static final ActrId ECHO = ActrIds.parse("e1@1/acme:echo:1");
    private static final ActrId RELAY = ActrIds.parse("e2@1/acme:relay:1");
    private static final long TIMEOUT_MS = 10_000;

    private static ActrNode launch()
    {
        return ActrNode.launch(new NodeContext()
            .actor(ECHO, new EchoActor())
            .actor(RELAY, new RelayActor(ECHO)));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldCallTheActorFromTheHostThroughTheGeneratedClient() throws Exception
    {
        try (ActrNode node = launch())
        {
            final EchoClient echo = EchoClient.to(Dest.workload(ECHO));
            final SayRequest hi = SayRequest.newBuilder().setText("hi").build();

            assertEquals("you said hi", echo.sayBlocking(node.host(), hi, TIMEOUT_MS).getText());
            assertEquals("you said hi", echo.say(node.host(), hi, TIMEOUT_MS).get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .getText());
            assertEquals("acme.echo.v1.Echo.Say", EchoClient.SAY.name());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldDeliverATypedTell()
    {
        try (ActrNode node = launch())
        {
            final HostClient host = node.host();
            final EchoClient echo = EchoClient.to(Dest.workload(ECHO));

            assertEquals(SendResult.OK, echo.tellRemember(host, Note.newBuilder().setText("buy milk").build()));

            final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TIMEOUT_MS);
            String recalled = "";
            while (!recalled.equals("buy milk") && System.nanoTime() < deadlineNs)
            {
                recalled = echo.recallBlocking(host, Empty.getDefaultInstance(), TIMEOUT_MS).getText();
            }
            assertEquals("buy milk", recalled);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldCallOneActorFromAnotherAndReplyFromTheContinuation()
    {
        try (ActrNode node = launch())
        {
            final RelayClient relay = RelayClient.to(Dest.workload(RELAY));

            assertEquals("relayed: you said ping", relay.forwardBlocking(node.host(),
                SayRequest.newBuilder().setText("ping").build(), TIMEOUT_MS).getText());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldAnswerNotImplementedForAMethodTheActorLeftOut()
    {
        try (ActrNode node = launch())
        {
            final EchoClient echo = EchoClient.to(Dest.workload(ECHO));

            final CallFailedException failure = assertThrows(CallFailedException.class,
                () -> echo.forgetBlocking(node.host(), Note.getDefaultInstance(), TIMEOUT_MS));
            assertEquals(ErrorCode.NOT_IMPLEMENTED.code(), failure.errorCode());
        }
    }
}
