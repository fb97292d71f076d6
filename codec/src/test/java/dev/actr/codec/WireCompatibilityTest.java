package dev.actr.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import dev.actr.codec.envelope.MetadataFlyweight;
import dev.actr.codec.envelope.RpcEnvelopeEncoder;
import dev.actr.codec.envelope.RpcEnvelopeFlyweight;
import dev.actr.codec.proto.AIdCredential;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrRelay;
import dev.actr.codec.proto.ActrToSignaling;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.DataChunk;
import dev.actr.codec.proto.Direction;
import dev.actr.codec.proto.EnvelopeProto;
import dev.actr.codec.proto.ErrorResponse;
import dev.actr.codec.proto.IceCandidate;
import dev.actr.codec.proto.IdentityClaims;
import dev.actr.codec.proto.MetadataEntry;
import dev.actr.codec.proto.NodeSelectionCriteria;
import dev.actr.codec.proto.PayloadType;
import dev.actr.codec.proto.PeerToSignaling;
import dev.actr.codec.proto.Ping;
import dev.actr.codec.proto.Pong;
import dev.actr.codec.proto.Realm;
import dev.actr.codec.proto.RegisterOk;
import dev.actr.codec.proto.RegisterRequest;
import dev.actr.codec.proto.RouteCandidatesOk;
import dev.actr.codec.proto.RouteCandidatesRequest;
import dev.actr.codec.proto.RpcEnvelope;
import dev.actr.codec.proto.SessionDescription;
import dev.actr.codec.proto.SignalingEnvelope;
import dev.actr.codec.proto.SignalingToActr;
import dev.actr.codec.proto.WsAddressEntry;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.google.protobuf.Descriptors.FieldDescriptor.Type.BYTES;
import static com.google.protobuf.Descriptors.FieldDescriptor.Type.ENUM;
import static com.google.protobuf.Descriptors.FieldDescriptor.Type.FLOAT;
import static com.google.protobuf.Descriptors.FieldDescriptor.Type.INT64;
import static com.google.protobuf.Descriptors.FieldDescriptor.Type.MESSAGE;
import static com.google.protobuf.Descriptors.FieldDescriptor.Type.STRING;
import static com.google.protobuf.Descriptors.FieldDescriptor.Type.UINT32;
import static com.google.protobuf.Descriptors.FieldDescriptor.Type.UINT64;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins the actr wire format (ARCHITECTURE.md section 5) against bytes written out by hand, so that a renumbered
 * field, a changed type or a reordered enum fails here before it fails against a peer.
 *
 * <p>A protobuf tag is the varint of {@code (field_number << 3) | wire_type}, with wire type 0 for varints and 2
 * for length-delimited fields (strings, bytes, nested messages). A varint is written 7 bits at a time, low bits
 * first, with the top bit of every byte but the last set.
 */
class WireCompatibilityTest
{
    /** actr-java's own fields in actr's messages are numbered from here; the pins above cover actr's alone. */
    private static final int EXTENSION_FLOOR = 1000;

    @Test
    void shouldEncodeKnownActrIdToHandWrittenBytes()
    {
        final ActrId id = ActrId.newBuilder()
            .setRealm(Realm.newBuilder().setRealmId(7))
            .setSerialNumber(0x1F)
            .setType(ActrType.newBuilder().setManufacturer("acme").setName("echo").setVersion("1.0.0"))
            .build();

        final byte[] expected = new Bytes()
            .put(0x0A, 0x02)            // realm:          (1 << 3) | 2 = 10 = 0x0A, length 2
            .put(0x08, 0x07)            //   realm_id:     (1 << 3) | 0 = 8 = 0x08, varint 7
            .put(0x10, 0x1F)            // serial_number:  (2 << 3) | 0 = 16 = 0x10, varint 0x1F
            .put(0x1A, 0x13)            // type:           (3 << 3) | 2 = 26 = 0x1A, length 19
            .put(0x0A, 0x04).ascii("acme")  // manufacturer: (1 << 3) | 2 = 0x0A, length 4
            .put(0x12, 0x04).ascii("echo")  // name:         (2 << 3) | 2 = 18 = 0x12, length 4
            .put(0x1A, 0x05).ascii("1.0.0") // version:      (3 << 3) | 2 = 0x1A, length 5
            .toByteArray();

        assertThat(id.toByteArray()).isEqualTo(expected);
        assertThat(parseActrId(expected)).isEqualTo(id);
    }

    @Test
    void shouldEncodeUnsignedExtremesOfActrIdToHandWrittenBytes()
    {
        final ActrId id = ActrId.newBuilder()
            .setRealm(Realm.newBuilder().setRealmId(0xFFFF_FFFF))
            .setSerialNumber(0xFFFF_FFFF_FFFF_FFFFL)
            .setType(ActrType.newBuilder().setManufacturer("a").setName("b"))
            .build();

        final byte[] expected = new Bytes()
            .put(0x0A, 0x06)                        // realm: (1 << 3) | 2, length 6
            .put(0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F) //   realm_id uint32 4294967295: 32 bits in 5 varint bytes
            .put(0x10)                              // serial_number: (2 << 3) | 0
            .put(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01) // uint64 2^64-1: 10 varint bytes
            .put(0x1A, 0x06)                        // type: (3 << 3) | 2, length 6; version unset: absent
            .put(0x0A, 0x01).ascii("a")
            .put(0x12, 0x01).ascii("b")
            .toByteArray();

        assertThat(id.toByteArray()).isEqualTo(expected);
        assertThat(parseActrId(expected)).isEqualTo(id);
    }

    @Test
    void shouldEncodeKnownRpcEnvelopeToHandWrittenBytes()
    {
        final RpcEnvelope envelope = RpcEnvelope.newBuilder()
            .setRouteKey("echo.Echo/Say")
            .setPayload(ByteString.copyFrom(new byte[] {0x01, 0x02}))
            .setDirection(Direction.REQUEST)
            .setRequestId("42")
            .setTimeoutMs(1000)
            .addMetadata(MetadataEntry.newBuilder().setKey("k").setValue("v"))
            .setTraceparent("t")
            .build();

        final byte[] expected = new Bytes()
            .put(0x0A, 0x0D).ascii("echo.Echo/Say")  // route_key:   (1 << 3) | 2 = 10 = 0x0A, length 13
            .put(0x12, 0x02, 0x01, 0x02)             // payload:     (2 << 3) | 2 = 18 = 0x12, length 2
            .put(0x20, 0x01)                         // direction:   (4 << 3) | 0 = 32 = 0x20, REQUEST = 1
            .put(0xA2, 0x06, 0x01).ascii("t")        // traceparent: (100 << 3) | 2 = 802 = varint 0xA2 0x06
            .put(0xB2, 0x06, 0x02).ascii("42")       // request_id:  (102 << 3) | 2 = 818 = varint 0xB2 0x06
            .put(0xBA, 0x06, 0x06)                   // metadata:    (103 << 3) | 2 = 826 = varint 0xBA 0x06, len 6
            .put(0x0A, 0x01).ascii("k")              //   key:       (1 << 3) | 2 = 0x0A
            .put(0x12, 0x01).ascii("v")              //   value:     (2 << 3) | 2 = 0x12
            .put(0xC0, 0x06, 0xE8, 0x07)             // timeout_ms:  (104 << 3) | 0 = 832 = varint 0xC0 0x06;
                                                     //              1000 = varint 0xE8 0x07
            .toByteArray();

        assertThat(envelope.toByteArray()).isEqualTo(expected);
        assertThat(parseRpcEnvelope(expected)).isEqualTo(envelope);
    }

    @Test
    void shouldEncodeErrorResponseAndTracestateToHandWrittenBytes()
    {
        final RpcEnvelope envelope = RpcEnvelope.newBuilder()
            .setRouteKey("r")
            .setError(ErrorResponse.newBuilder().setCode(10002).setMessage("late"))
            .setDirection(Direction.RESPONSE)
            .setTracestate("s")
            .setRequestId("1")
            .setTimeoutMs(0)
            .build();

        final byte[] expected = new Bytes()
            .put(0x0A, 0x01).ascii("r")          // route_key:  (1 << 3) | 2 = 0x0A
            .put(0x1A, 0x09)                     // error:      (3 << 3) | 2 = 26 = 0x1A, length 9
            .put(0x08, 0x92, 0x4E)               //   code:     (1 << 3) | 0 = 0x08, 10002 = varint 0x92 0x4E
            .put(0x12, 0x04).ascii("late")       //   message:  (2 << 3) | 2 = 0x12
            .put(0x20, 0x02)                     // direction:  (4 << 3) | 0 = 0x20, RESPONSE = 2
            .put(0xAA, 0x06, 0x01).ascii("s")    // tracestate: (101 << 3) | 2 = 810 = varint 0xAA 0x06
            .put(0xB2, 0x06, 0x01).ascii("1")    // request_id: (102 << 3) | 2 = 818 = varint 0xB2 0x06
            .put(0xC0, 0x06, 0x00)               // timeout_ms: (104 << 3) | 0 = 832 = varint 0xC0 0x06, 0
            .toByteArray();

        assertThat(envelope.toByteArray()).isEqualTo(expected);
        assertThat(parseRpcEnvelope(expected)).isEqualTo(envelope);
    }

    @Test
    void shouldWriteAndReadHandWrittenTraceContextAndMetadataWithEncoderAndFlyweight()
    {
        final byte[] expected = new Bytes()
            .put(0x0A, 0x01).ascii("r")              //  0 route_key:   (1 << 3) | 2 = 0x0A, length 1
            .put(0x20, 0x03)                         //  3 direction:   (4 << 3) | 0 = 0x20, TELL = 3
            .put(0xA2, 0x06, 0x02).ascii("tp")       //  5 traceparent: (100 << 3) | 2 = 802 = varint 0xA2 0x06
            .put(0xAA, 0x06, 0x02).ascii("ts")       // 10 tracestate:  (101 << 3) | 2 = 810 = varint 0xAA 0x06
            .put(0xB2, 0x06, 0x01).ascii("1")        // 15 request_id:  (102 << 3) | 2 = 818 = varint 0xB2 0x06
            .put(0xBA, 0x06, 0x07)                   // 19 metadata:    (103 << 3) | 2 = 826 = varint 0xBA 0x06,
                                                     //                 entry length 2 + 2 + 2 + 1 = 7
            .put(0x0A, 0x02).ascii("k1")             // 22   key:       (1 << 3) | 2 = 0x0A, length 2
            .put(0x12, 0x01).ascii("v")              // 26   value:     (2 << 3) | 2 = 0x12, length 1
            .put(0xBA, 0x06, 0x07)                   // 29 metadata:    second entry, length 7
            .put(0x0A, 0x02, 0xC3, 0xA9)             // 32   key:       "é" = U+00E9 = UTF-8 0xC3 0xA9
            .put(0x12, 0x01).ascii("x")              // 36   value
            .put(0xC0, 0x06, 0x00)                   // 39 timeout_ms:  (104 << 3) | 0 = 832 = varint 0xC0 0x06, 0
            .toByteArray();                          // 42 bytes
        final RpcEnvelope envelope = RpcEnvelope.newBuilder()
            .setRouteKey("r").setDirection(Direction.TELL).setTraceparent("tp").setTracestate("ts").setRequestId("1")
            .addMetadata(MetadataEntry.newBuilder().setKey("k1").setValue("v"))
            .addMetadata(MetadataEntry.newBuilder().setKey("é").setValue("x"))
            .setTimeoutMs(0)
            .build();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);

        final int length = new RpcEnvelopeEncoder().wrap(buffer, 0)
            .routeKey(new UnsafeBuffer("r".getBytes(StandardCharsets.UTF_8)), 0, 1)
            .direction(Direction.TELL_VALUE)
            .traceparent("tp")
            .tracestate("ts")
            .requestId(1)
            .metadataEntry("k1", "v")
            .metadataEntry("é", "x")
            .timeoutMs(0)
            .encodedLength();

        assertThat(length).isEqualTo(42);
        final byte[] encoded = new byte[length];
        buffer.getBytes(0, encoded);
        assertThat(encoded).isEqualTo(expected);
        assertThat(envelope.toByteArray()).isEqualTo(expected);

        final RpcEnvelopeFlyweight flyweight = new RpcEnvelopeFlyweight();
        assertThat(flyweight.wrap(new UnsafeBuffer(expected), 0, expected.length)).isEqualTo(CodecStatus.OK);
        assertThat(flyweight.traceparentOffset()).isEqualTo(8);
        assertThat(flyweight.traceparentLength()).isEqualTo(2);
        assertThat(flyweight.tracestateOffset()).isEqualTo(13);
        assertThat(flyweight.tracestateLength()).isEqualTo(2);
        assertThat(flyweight.requestIdOffset()).isEqualTo(18);
        assertThat(flyweight.metadataCount()).isEqualTo(2);
        final MetadataFlyweight metadata = new MetadataFlyweight().wrap(flyweight);
        assertThat(metadata.next()).isTrue();
        assertThat(new int[] {metadata.keyOffset(), metadata.keyLength(), metadata.valueOffset(), metadata.valueLength()})
            .containsExactly(24, 2, 28, 1);
        assertThat(metadata.next()).isTrue();
        assertThat(new int[] {metadata.keyOffset(), metadata.keyLength(), metadata.valueOffset(), metadata.valueLength()})
            .containsExactly(34, 2, 38, 1);
        assertThat(metadata.next()).isFalse();
    }

    @Test
    void shouldKeepIdentityFieldNumbers()
    {
        assertFields(Realm.getDescriptor(), "realm_id", 1);
        assertType(Realm.getDescriptor(), "realm_id", UINT32);
        assertFields(ActrType.getDescriptor(), "manufacturer", 1, "name", 2, "version", 3);
        assertType(ActrType.getDescriptor(), "manufacturer", STRING);
        assertType(ActrType.getDescriptor(), "name", STRING);
        assertType(ActrType.getDescriptor(), "version", STRING);
        assertFields(ActrId.getDescriptor(), "realm", 1, "serial_number", 2, "type", 3);
        assertType(ActrId.getDescriptor(), "realm", MESSAGE);
        assertType(ActrId.getDescriptor(), "serial_number", UINT64);
        assertType(ActrId.getDescriptor(), "type", MESSAGE);
        assertFields(IdentityClaims.getDescriptor(), "realm_id", 1, "actor_id", 2, "expires_at", 3);
        assertType(IdentityClaims.getDescriptor(), "actor_id", STRING);
        assertType(IdentityClaims.getDescriptor(), "expires_at", UINT64);
        assertFields(AIdCredential.getDescriptor(), "key_id", 1, "claims", 2, "signature", 3);
        assertType(AIdCredential.getDescriptor(), "key_id", UINT32);
        assertType(AIdCredential.getDescriptor(), "claims", BYTES);
        assertType(AIdCredential.getDescriptor(), "signature", BYTES);
    }

    @Test
    void shouldKeepEnvelopeFieldNumbers()
    {
        final Descriptor envelope = RpcEnvelope.getDescriptor();
        assertFields(envelope,
            "route_key", 1, "payload", 2, "error", 3, "direction", 4, "traceparent", 100, "tracestate", 101,
            "request_id", 102, "metadata", 103, "timeout_ms", 104);
        assertType(envelope, "payload", BYTES);
        assertType(envelope, "error", MESSAGE);
        assertType(envelope, "direction", ENUM);
        assertType(envelope, "request_id", STRING);
        assertType(envelope, "timeout_ms", INT64);
        assertThat(envelope.findFieldByName("request_id").isRequired()).isTrue();
        assertThat(envelope.findFieldByName("timeout_ms").isRequired()).isTrue();
        assertThat(envelope.findFieldByName("metadata").isRepeated()).isTrue();
        assertThat(envelope.findFieldByName("metadata").getMessageType()).isEqualTo(MetadataEntry.getDescriptor());
        assertThat(envelope.findFieldByName("error").getMessageType()).isEqualTo(ErrorResponse.getDescriptor());
        assertFields(MetadataEntry.getDescriptor(), "key", 1, "value", 2);
        assertFields(ErrorResponse.getDescriptor(), "code", 1, "message", 2);
        assertType(ErrorResponse.getDescriptor(), "code", UINT32);
        assertFields(DataChunk.getDescriptor(),
            "stream_id", 1, "sequence", 2, "payload", 3, "metadata", 4, "timestamp_ms", 5);
        assertType(DataChunk.getDescriptor(), "sequence", UINT64);
        assertType(DataChunk.getDescriptor(), "payload", BYTES);
        assertType(DataChunk.getDescriptor(), "timestamp_ms", INT64);
    }

    @Test
    void shouldKeepSignalingFieldNumbers()
    {
        assertFields(RegisterRequest.getDescriptor(),
            "actr_type", 1, "realm", 2, "service_spec", 3, "acl", 4, "ws_address", 6);
        assertFields(RegisterOk.getDescriptor(),
            "actr_id", 1, "credential", 2, "credential_expires_at", 4, "signaling_heartbeat_interval_secs", 5,
            "signing_pubkey", 6, "signing_key_id", 7);
        assertFields(RouteCandidatesRequest.getDescriptor(),
            "target_type", 1, "criteria", 2, "client_fingerprint", 4);
        assertFields(NodeSelectionCriteria.getDescriptor(), "candidate_count", 1, "ranking_factors", 2);
        assertFields(RouteCandidatesOk.getDescriptor(), "candidates", 1, "ws_address_map", 2);
        assertThat(RouteCandidatesOk.getDescriptor().findFieldByName("candidates").isRepeated()).isTrue();
        assertThat(RouteCandidatesOk.getDescriptor().findFieldByName("candidates").getMessageType())
            .isEqualTo(ActrId.getDescriptor());
        assertFields(WsAddressEntry.getDescriptor(), "candidate_id", 1, "ws_address", 2);
        assertFields(SignalingEnvelope.getDescriptor(),
            "envelope_version", 1, "envelope_id", 2, "reply_for", 3, "traceparent", 5, "tracestate", 6,
            "peer_to_server", 10, "actr_to_server", 11, "server_to_actr", 12, "actr_relay", 13, "envelope_error", 14);
        assertFields(ActrRelay.getDescriptor(),
            "source", 1, "credential", 2, "target", 3, "ice_candidate", 10, "session_description", 11,
            "role_negotiation", 12, "role_assignment", 13, "ice_restart_request", 14);
        assertFields(IceCandidate.getDescriptor(),
            "candidate", 1, "sdp_mid", 2, "sdp_mline_index", 3, "username_fragment", 4);
        assertFields(SessionDescription.getDescriptor(), "type", 1, "sdp", 2, "sdp_exchange_id", 3);
        assertFields(Ping.getDescriptor(), "availability", 1, "power_reserve", 2, "mailbox_backlog", 3);
        assertType(Ping.getDescriptor(), "power_reserve", FLOAT);
        assertType(Ping.getDescriptor(), "mailbox_backlog", FLOAT);
        assertFields(Pong.getDescriptor(), "seq", 1, "suggest_interval_secs", 2);
    }

    @Test
    void shouldNumberActrJavaExtensionsFrom1000AndKeepThemOptional()
    {
        assertExtensions(IdentityClaims.getDescriptor(), "node_public_key", 1000);
        assertType(IdentityClaims.getDescriptor(), "node_public_key", BYTES);
        assertExtensions(RegisterRequest.getDescriptor(), "node_public_key", 1000, "previous_credential", 1001,
            "resume_at_ms", 1002, "resume_signature", 1003);
        assertExtensions(RegisterOk.getDescriptor(), "signaling_heartbeat_interval_ms", 1000, "resumed", 1001);
        assertExtensions(PeerToSignaling.getDescriptor(), "get_signing_key_request", 1000);
        assertExtensions(ActrToSignaling.getDescriptor(), "credential_renew_request", 1000);
        assertExtensions(SignalingToActr.getDescriptor(), "credential_renew_ok", 1000, "signing_key_ok", 1001);
        for (final Descriptor message : new Descriptor[] {SignalingEnvelope.getDescriptor(), ActrRelay.getDescriptor(),
            AIdCredential.getDescriptor(), ActrId.getDescriptor(), Ping.getDescriptor(), Pong.getDescriptor()})
        {
            assertExtensions(message);
        }
    }

    @Test
    void shouldKeepOneofMembersAndNumbers()
    {
        assertOneof(SignalingEnvelope.getDescriptor(), "flow",
            "peer_to_server", 10, "actr_to_server", 11, "server_to_actr", 12, "actr_relay", 13, "envelope_error", 14);
        assertThat(SignalingEnvelope.FlowCase.PEER_TO_SERVER.getNumber()).isEqualTo(10);
        assertThat(SignalingEnvelope.FlowCase.ENVELOPE_ERROR.getNumber()).isEqualTo(14);

        assertThat(ActrRelay.getDescriptor().getOneofs()).hasSize(1);
        assertOneof(ActrRelay.getDescriptor(), ActrRelay.getDescriptor().getOneofs().get(0).getName(),
            "ice_candidate", 10, "session_description", 11, "role_negotiation", 12, "role_assignment", 13,
            "ice_restart_request", 14);
    }

    @Test
    void shouldKeepEnumNumbers()
    {
        assertThat(Direction.values()).containsExactly(
            Direction.UNSPECIFIED, Direction.REQUEST, Direction.RESPONSE, Direction.TELL);
        assertThat(Direction.UNSPECIFIED.getNumber()).isZero();
        assertThat(Direction.REQUEST.getNumber()).isEqualTo(1);
        assertThat(Direction.RESPONSE.getNumber()).isEqualTo(2);
        assertThat(Direction.TELL.getNumber()).isEqualTo(3);

        assertThat(PayloadType.values()).containsExactly(
            PayloadType.RPC_RELIABLE, PayloadType.RPC_SIGNAL, PayloadType.STREAM_RELIABLE,
            PayloadType.STREAM_LATENCY_FIRST, PayloadType.MEDIA_RTP);
        assertThat(PayloadType.RPC_RELIABLE.getNumber()).isZero();
        assertThat(PayloadType.RPC_SIGNAL.getNumber()).isEqualTo(1);
        assertThat(PayloadType.STREAM_RELIABLE.getNumber()).isEqualTo(2);
        assertThat(PayloadType.STREAM_LATENCY_FIRST.getNumber()).isEqualTo(3);
        assertThat(PayloadType.MEDIA_RTP.getNumber()).isEqualTo(4);

        assertThat(SessionDescription.Type.values()).containsExactly(
            SessionDescription.Type.OFFER, SessionDescription.Type.ANSWER,
            SessionDescription.Type.RENEGOTIATION_OFFER, SessionDescription.Type.ICE_RESTART_OFFER);
        assertThat(SessionDescription.Type.OFFER.getNumber()).isZero();
        assertThat(SessionDescription.Type.ANSWER.getNumber()).isEqualTo(1);
        assertThat(SessionDescription.Type.RENEGOTIATION_OFFER.getNumber()).isEqualTo(2);
        assertThat(SessionDescription.Type.ICE_RESTART_OFFER.getNumber()).isEqualTo(3);
    }

    @Test
    void shouldDeclarePayloadTypeMethodOptionAsExtension50001()
    {
        final FieldDescriptor extension = EnvelopeProto.getDescriptor().findExtensionByName("payload_type");

        assertThat(extension).isNotNull();
        assertThat(extension.getNumber()).isEqualTo(50001);
        assertThat(extension.getFullName()).isEqualTo("actr.payload_type");
        assertThat(extension.getContainingType()).isEqualTo(MethodOptions.getDescriptor());
        assertThat(extension.getEnumType()).isEqualTo(PayloadType.getDescriptor());
        assertThat(EnvelopeProto.payloadType.getDescriptor()).isEqualTo(extension);

        final MethodOptions options = MethodOptions.newBuilder()
            .setExtension(EnvelopeProto.payloadType, PayloadType.STREAM_LATENCY_FIRST)
            .build();
        // (50001 << 3) | 0 = 400008 = varint 0x88 0xB5 0x18; STREAM_LATENCY_FIRST = 3
        assertThat(options.toByteArray()).isEqualTo(new Bytes().put(0x88, 0xB5, 0x18, 0x03).toByteArray());
    }

    @Test
    void shouldMapRuntimeErrorCodesFrom10001InProtocolOrder()
    {
        final Map<ErrorCode, Integer> expected = new LinkedHashMap<>();
        expected.put(ErrorCode.UNAVAILABLE, 10001);
        expected.put(ErrorCode.TIMED_OUT, 10002);
        expected.put(ErrorCode.NOT_FOUND, 10003);
        expected.put(ErrorCode.PERMISSION_DENIED, 10004);
        expected.put(ErrorCode.INVALID_ARGUMENT, 10005);
        expected.put(ErrorCode.UNKNOWN_ROUTE, 10006);
        expected.put(ErrorCode.DEPENDENCY_NOT_FOUND, 10007);
        expected.put(ErrorCode.DECODE_FAILURE, 10008);
        expected.put(ErrorCode.NOT_IMPLEMENTED, 10009);
        expected.put(ErrorCode.INTERNAL, 10010);
        expected.put(ErrorCode.CONNECTION_NOT_READY, 10011);

        assertThat(ErrorCode.values()).containsExactly(expected.keySet().toArray(new ErrorCode[0]));
        expected.forEach((code, value) ->
        {
            assertThat(code.code()).as(code.name()).isEqualTo(value);
            assertThat(ErrorCode.forCode(value)).isEqualTo(code);
        });
        for (final int applicationCode : new int[] {Integer.MIN_VALUE, -1, 0, 1, 9999, 10000, 10012, Integer.MAX_VALUE})
        {
            assertThat(ErrorCode.forCode(applicationCode)).as("code %d", applicationCode).isNull();
        }
    }

    private static ActrId parseActrId(final byte[] bytes)
    {
        try
        {
            return ActrId.parseFrom(bytes);
        }
        catch (final com.google.protobuf.InvalidProtocolBufferException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private static RpcEnvelope parseRpcEnvelope(final byte[] bytes)
    {
        try
        {
            return RpcEnvelope.parseFrom(bytes);
        }
        catch (final com.google.protobuf.InvalidProtocolBufferException ex)
        {
            throw new AssertionError(ex);
        }
    }

    /**
     * @param namesAndNumbers alternating field name and field number, every field the message has.
     */
    private static void assertFields(final Descriptor message, final Object... namesAndNumbers)
    {
        final Map<String, Integer> expected = pairs(namesAndNumbers);
        final Map<String, Integer> actual = new LinkedHashMap<>();
        for (final FieldDescriptor field : message.getFields())
        {
            if (field.getNumber() < EXTENSION_FLOOR)
            {
                actual.put(field.getName(), field.getNumber());
            }
        }
        assertThat(actual).as(message.getFullName()).containsExactlyInAnyOrderEntriesOf(expected);
        expected.forEach((name, number) ->
            assertThat(message.findFieldByName(name).getNumber()).as(message.getName() + "." + name).isEqualTo(number));
    }

    /**
     * @param namesAndNumbers alternating field name and number: every field of the message numbered from 1000,
     *                        each of which must be optional (a peer of actr never sets them).
     */
    private static void assertExtensions(final Descriptor message, final Object... namesAndNumbers)
    {
        final Map<String, Integer> actual = new LinkedHashMap<>();
        for (final FieldDescriptor field : message.getFields())
        {
            if (field.getNumber() >= EXTENSION_FLOOR)
            {
                actual.put(field.getName(), field.getNumber());
                assertThat(field.isRequired()).as(message.getName() + "." + field.getName() + " required").isFalse();
            }
        }
        assertThat(actual).as(message.getFullName() + " extensions")
            .containsExactlyInAnyOrderEntriesOf(pairs(namesAndNumbers));
    }

    private static void assertType(final Descriptor message, final String field, final FieldDescriptor.Type type)
    {
        assertThat(message.findFieldByName(field).getType()).as(message.getName() + "." + field).isEqualTo(type);
    }

    private static void assertOneof(final Descriptor message, final String oneof, final Object... namesAndNumbers)
    {
        final OneofDescriptor descriptor = message.getOneofs().stream()
            .filter(o -> o.getName().equals(oneof))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no oneof " + oneof + " in " + message.getFullName()));
        final Map<String, Integer> actual = new LinkedHashMap<>();
        for (final FieldDescriptor field : descriptor.getFields())
        {
            if (field.getNumber() < EXTENSION_FLOOR)
            {
                actual.put(field.getName(), field.getNumber());
            }
        }
        assertThat(actual).as(message.getName() + "." + oneof).containsExactlyEntriesOf(pairs(namesAndNumbers));
    }

    private static Map<String, Integer> pairs(final Object... namesAndNumbers)
    {
        final Map<String, Integer> pairs = new LinkedHashMap<>();
        for (int i = 0; i < namesAndNumbers.length; i += 2)
        {
            pairs.put((String)namesAndNumbers[i], (Integer)namesAndNumbers[i + 1]);
        }
        return pairs;
    }

    /** Hand-written protobuf bytes. */
    private static final class Bytes
    {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes put(final int... values)
        {
            for (final int value : values)
            {
                out.write(value);
            }
            return this;
        }

        Bytes ascii(final String text)
        {
            out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        byte[] toByteArray()
        {
            return out.toByteArray();
        }
    }
}
