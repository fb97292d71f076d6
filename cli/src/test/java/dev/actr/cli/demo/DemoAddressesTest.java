package dev.actr.cli.demo;

import dev.actr.codec.id.ActrIds;
import dev.actr.engine.actor.Dest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Addresses whose peer ids are learned at run time: read only once learned, learned once.
 */
class DemoAddressesTest
{
    @Test
    void shouldResolveAPeerOnceItsIdIsLearnedAndRefuseAnotherIdLater()
    {
        final PeerNodeId exchange = PeerNodeId.toLearn("the exchange node");
        final DemoAddresses addresses = DemoAddresses.twoNodes(
            PeerNodeId.known("the client node", DemoIds.CLIENT_NODE), exchange);

        assertThat(addresses.subscriber()).isEqualTo(Dest.peer(DemoIds.CLIENT_NODE));
        assertThatThrownBy(addresses::exchange)
            .isInstanceOf(IllegalStateException.class)
            .hasMessage("the exchange node's id is not known yet");
        assertThat(exchange.isKnown()).isFalse();

        exchange.learn(DemoIds.EXCHANGE_NODE);
        exchange.learn(DemoIds.EXCHANGE_NODE);

        assertThat(addresses.exchange()).isEqualTo(Dest.peer(DemoIds.EXCHANGE_NODE));
        assertThat(addresses.marketData()).isEqualTo(addresses.exchange());
        assertThatThrownBy(() -> exchange.learn(DemoIds.CLIENT_NODE))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("the exchange node is " + ActrIds.format(DemoIds.EXCHANGE_NODE) + " already");
        assertThat(addresses.exchange()).as("unchanged").isEqualTo(Dest.peer(DemoIds.EXCHANGE_NODE));
    }

    @Test
    void shouldAddressEveryActorOnItsOwnNodeWhenTheSidesShareOne()
    {
        final DemoAddresses addresses = DemoAddresses.oneNode();

        assertThat(addresses.exchange()).isEqualTo(Dest.workload(DemoIds.EXCHANGE));
        assertThat(addresses.marketData()).isEqualTo(Dest.workload(DemoIds.MARKET_DATA));
        assertThat(addresses.subscriber()).isEqualTo(Dest.workload(DemoIds.SUBSCRIBER));
    }
}
