package dev.actr.engine.scheduler;

import dev.actr.engine.router.RouteEntry;
import org.agrona.ExpandableArrayBuffer;

/**
 * What a reply needs to know of the request it answers: who asked, on which route and lane, the request id
 * bytes to echo, and the mailbox message to ack. The dispatcher fills one per dispatch; a deferral copies it,
 * because the mailbox bytes it was filled from are gone once the handler returns.
 */
final class RequestScope
{
    int callerIndex;
    int responderIndex;
    int payloadType;
    RouteEntry route;
    long messageId;
    long arrivalNs;
    long deadlineNs;
    long requestKey;
    boolean isRequest;
    final ExpandableArrayBuffer requestId = new ExpandableArrayBuffer(32);
    int requestIdLength;

    RequestScope copy()
    {
        final RequestScope copy = new RequestScope();
        copy.callerIndex = callerIndex;
        copy.responderIndex = responderIndex;
        copy.payloadType = payloadType;
        copy.route = route;
        copy.messageId = messageId;
        copy.arrivalNs = arrivalNs;
        copy.deadlineNs = deadlineNs;
        copy.requestKey = requestKey;
        copy.isRequest = isRequest;
        copy.requestId.putBytes(0, requestId, 0, requestIdLength);
        copy.requestIdLength = requestIdLength;
        return copy;
    }
}
