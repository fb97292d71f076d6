package dev.actr.engine;

import dev.actr.codec.id.ActrIds;
import dev.actr.codec.proto.ActrId;

final class Ids
{
    static final ActrId A = ActrIds.parse("a@1/acme:alpha:1");
    static final ActrId B = ActrIds.parse("b@1/acme:beta:1");

    private Ids()
    {
    }
}
