package dev.actr.lanes.webrtc;

import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrRelay;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Test double of the signaling relay (a collaborator the lane only sees through {@link RelayChannel}): a hub that
 * hands each relay straight to the target's handler. A filter can drop relays to simulate loss.
 */
final class InMemoryRelay
{
    private final Map<ActrId, RelayHandler> handlers = new ConcurrentHashMap<>();
    private final AtomicLong relayed = new AtomicLong();
    private volatile Predicate<ActrRelay> drop = relay -> false;

    RelayChannel channel(final ActrId node)
    {
        return new RelayChannel()
        {
            @Override
            public void open(final RelayHandler handler)
            {
                handlers.put(node, handler);
            }

            @Override
            public boolean send(final ActrRelay relay)
            {
                final RelayHandler target = handlers.get(relay.getTarget());
                if (target == null || drop.test(relay))
                {
                    return false;
                }
                relayed.incrementAndGet();
                target.onRelay(relay);
                return true;
            }
        };
    }

    void drop(final Predicate<ActrRelay> drop)
    {
        this.drop = drop;
    }

    long relayed()
    {
        return relayed.get();
    }

    static ActrId id(final long serial)
    {
        return ActrId.newBuilder()
            .setRealm(dev.actr.codec.proto.Realm.newBuilder().setRealmId(7))
            .setSerialNumber(serial)
            .setType(dev.actr.codec.proto.ActrType.newBuilder().setManufacturer("acme").setName("peer").setVersion("1"))
            .build();
    }
}
