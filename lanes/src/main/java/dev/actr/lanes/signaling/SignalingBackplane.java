package dev.actr.lanes.signaling;

import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.ClusterRelay;
import dev.actr.codec.proto.NodeSelectionCriteria;
import dev.actr.codec.proto.RegisterRequest;
import dev.actr.codec.proto.SignalingEnvelope;

import java.security.PublicKey;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What the instances of one signaling service share: serial allocation, the realm's registrations (discovery),
 * relays to nodes connected to another instance, resume proofs used once, and signing keys. The service runs the
 * protocol with its own connections and asks the backplane for everything beyond them. Two kinds:
 * {@link LocalBackplane} (one process, nothing shared: the default) and {@link NatsBackplane} (a cluster on NATS
 * JetStream).
 *
 * <p>Every method is called on the server's registry thread, and every callback and {@link Listener} event comes
 * back on it (the local backplane calls back at once, before the method returns).
 */
interface SignalingBackplane extends AutoCloseable
{
    /** Events from other instances. */
    interface Listener
    {
        /**
         * Another instance forwarded a relay to a node registered here, or refused one this instance forwarded.
         *
         * @param relay what it sent.
         */
        void onRemoteRelay(ClusterRelay relay);

        /**
         * A node registered here came up on another instance with a newer registration: drop the local one.
         *
         * @param id       the node.
         * @param revision the newer registration's revision.
         */
        void onMovedAway(ActrId id, long revision);
    }

    /**
     * Start hearing other instances.
     *
     * @param listener told of their events.
     * @param registry the nodes registered on this instance.
     */
    void start(Listener listener, SignalingRegistry registry);

    /**
     * @param request     a registration request.
     * @param onAllocated gets a fresh id for its realm and type, never handed out before, or the failure.
     */
    void allocate(RegisterRequest request, BiConsumer<ActrId, Throwable> onAllocated);

    /**
     * Use a verified resume proof once, across the service.
     *
     * @param request   the resume request (its signature is the proof).
     * @param onClaimed true when this is the proof's first use; false: register the node afresh.
     */
    void claimResume(RegisterRequest request, Consumer<Boolean> onClaimed);

    /**
     * @param registration a node that registered (or resumed) here; others may now discover it and relay to it.
     * @param resumed      true when it kept its previous id.
     */
    void onRegistered(Registration registration, boolean resumed);

    /**
     * @param registration a node registered here that sent a heartbeat or renewed its credential.
     */
    void onRefreshed(Registration registration);

    /**
     * @param registration a node no longer registered here (unregistered, expired, its connection closed).
     */
    void onRemoved(Registration registration);

    /**
     * @return discovery's candidates among every node of the service (PROTOCOL.md 1.8).
     */
    List<? extends Candidate> candidates(
        ActrId requester, ActrType target, NodeSelectionCriteria criteria, int maxCandidates);

    /**
     * @param id a node not registered on this instance.
     * @return the node as registered on another instance, or null when none holds it.
     */
    Candidate locateRemote(ActrId id);

    /**
     * Send a relay envelope to a node registered on another instance.
     *
     * @param target           from {@link #locateRemote}.
     * @param envelope         delivered to the target unchanged.
     * @param sourceEnvelopeId the id of the source's envelope, answered if the target's instance refuses.
     * @return true when sent; false when the other instances cannot be reached now.
     */
    boolean forward(Candidate target, SignalingEnvelope envelope, String sourceEnvelopeId);

    /**
     * Tell the instance that forwarded a relay that it could not be delivered.
     *
     * @param relay   the relay as it arrived.
     * @param code    the {@link SignalingErrors} code for the source.
     * @param message why.
     */
    void refuse(ClusterRelay relay, int code, String message);

    /**
     * Look up a signing key this instance does not hold (another instance's).
     *
     * @param keyId   the key id.
     * @param onFound gets the key and its {@code valid_until} (Unix seconds), or nulls when the service knows none.
     */
    void lookupSigningKey(int keyId, BiConsumer<PublicKey, Long> onFound);

    /**
     * Rotate this instance's signing key.
     *
     * @param keys      the instance's key store.
     * @param nowSec    now, Unix seconds.
     * @param onRotated gets the new key id, or the failure.
     */
    void rotateKey(SigningKeyStore keys, long nowSec, BiConsumer<Integer, Throwable> onRotated);

    /**
     * Periodic upkeep: forget what expired, refresh what must stay.
     *
     * @param nowMs    now, Unix ms.
     * @param prunedKeyIds signing keys this instance deleted since the last sweep.
     */
    void sweep(long nowMs, List<Integer> prunedKeyIds);

    /**
     * @return the nodes the whole service lists now, as this instance sees it.
     */
    int serviceRegisteredCount();

    /**
     * @return this instance's id in the service ({@code "local"} for a single instance).
     */
    String instanceId();

    @Override
    void close();
}
