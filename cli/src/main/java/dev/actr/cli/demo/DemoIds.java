package dev.actr.cli.demo;

import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.Realm;

/**
 * The ids of the demo's actors and nodes. A node's id is what its lanes are known by: a peer of another node is
 * reached as {@code Dest.peer(nodeId)}, and the receiving node routes by route key to the actor serving it.
 */
public final class DemoIds
{
    /** Realm of every demo id. */
    public static final int REALM = 1;
    /** Takes the host's requests. */
    public static final ActrId GATEWAY = id(0x11, "demo-gateway");
    /** Pre-trade risk, beside the gateway. */
    public static final ActrId RISK = id(0x12, "demo-risk");
    /** Receives the market-data streams, beside the gateway. */
    public static final ActrId SUBSCRIBER = id(0x13, "demo-subscriber");
    /** The matching engine. */
    public static final ActrId EXCHANGE = id(0x21, "demo-exchange");
    /** Top of book and trade tape, beside the exchange. */
    public static final ActrId MARKET_DATA = id(0x22, "demo-market-data");
    /** The node of the gateway, risk and subscriber when the exchange runs on a node of its own. */
    public static final ActrId CLIENT_NODE = id(0x10, "demo-client-node");
    /** The node of the exchange and market data when they run on a node of their own. */
    public static final ActrId EXCHANGE_NODE = id(0x20, "demo-exchange-node");

    private DemoIds()
    {
    }

    private static ActrId id(final long serial, final String name)
    {
        return ActrId.newBuilder()
            .setRealm(Realm.newBuilder().setRealmId(REALM))
            .setSerialNumber(serial)
            .setType(ActrType.newBuilder().setManufacturer("actr").setName(name).setVersion("1"))
            .build();
    }
}
