package dev.actr.codec.id;

import dev.actr.codec.ActrException;
import dev.actr.codec.CodecException;
import dev.actr.codec.CodecStatus;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.Realm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ActrIdsTest
{
    private static final ActrId ECHO = ActrId.newBuilder()
        .setRealm(Realm.newBuilder().setRealmId(7))
        .setSerialNumber(0x1F)
        .setType(ActrType.newBuilder().setManufacturer("acme").setName("echo").setVersion("1.0.0"))
        .build();

    @Test
    void shouldFormatIdAsSerialHexAtRealmSlashType()
    {
        assertThat(ActrIds.format(ECHO)).isEqualTo("1f@7/acme:echo:1.0.0");
        assertThat(ActrIds.format(ECHO.getType())).isEqualTo("acme:echo:1.0.0");
    }

    @Test
    void shouldParseTextIntoId()
    {
        final ActrId id = ActrIds.parse("1f@7/acme:echo:1.0.0");

        assertThat(id).isEqualTo(ECHO);
        assertThat(id.getSerialNumber()).isEqualTo(0x1FL);
        assertThat(id.getRealm().getRealmId()).isEqualTo(7);
        assertThat(id.getType().getManufacturer()).isEqualTo("acme");
        assertThat(id.getType().getName()).isEqualTo("echo");
        assertThat(id.getType().getVersion()).isEqualTo("1.0.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1f@7/acme:echo:1.0.0",
        "0@0/a:b:c",
        "ffffffffffffffff@4294967295/acme:echo:1.0.0",
        "8000000000000000@2147483648/acme:echo:",
        "123456789abcdef0@42/a.b-c_d:Name+x:1.0.0-rc.1+build.5",
        "7@1/émile:écho:ünicode"})
    void shouldRoundTripTextThroughParseAndFormat(final String text)
    {
        final ActrId id = ActrIds.parse(text);

        assertThat(ActrIds.format(id)).isEqualTo(text);
        assertThat(ActrIds.parse(ActrIds.format(id))).isEqualTo(id);
    }

    @Test
    void shouldTreatSerialAsUnsigned64Bit()
    {
        final ActrId id = ActrIds.parse("ffffffffffffffff@7/acme:echo:1.0.0");

        assertThat(id.getSerialNumber()).isEqualTo(-1L);
        assertThat(Long.toUnsignedString(id.getSerialNumber(), 16)).isEqualTo("ffffffffffffffff");
        assertThat(ActrIds.format(id)).startsWith("ffffffffffffffff@");
        assertThat(ActrIds.parse("8000000000000000@7/a:b:c").getSerialNumber()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void shouldAcceptUpperCaseSerialAndFormatItInLowerCase()
    {
        final ActrId id = ActrIds.parse("ABCDEF@7/acme:echo:1.0.0");

        assertThat(id.getSerialNumber()).isEqualTo(0xABCDEFL);
        assertThat(ActrIds.format(id)).isEqualTo("abcdef@7/acme:echo:1.0.0");
    }

    @Test
    void shouldTreatRealmAsUnsigned32BitDecimal()
    {
        final ActrId id = ActrIds.parse("1@4294967295/acme:echo:1.0.0");

        assertThat(id.getRealm().getRealmId()).isEqualTo(-1);
        assertThat(ActrIds.format(id)).isEqualTo("1@4294967295/acme:echo:1.0.0");
        assertThat(ActrIds.parse("1@2147483648/a:b:c").getRealm().getRealmId()).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void shouldTreatEmptyVersionAsUnsetAndRoundTripIt()
    {
        final ActrId id = ActrIds.parse("1f@7/acme:echo:");

        assertThat(id.getType().hasVersion()).isFalse();
        assertThat(ActrIds.format(id)).isEqualTo("1f@7/acme:echo:");
        final ActrId unset = ECHO.toBuilder().setType(ECHO.getType().toBuilder().clearVersion()).build();
        assertThat(ActrIds.parse(ActrIds.format(unset))).isEqualTo(unset);
        assertThat(ActrIds.parseType("acme:echo:").hasVersion()).isFalse();
    }

    @Test
    void shouldParseTypeAlone()
    {
        assertThat(ActrIds.parseType("acme:echo:1.0.0")).isEqualTo(ECHO.getType());
        assertThat(failureOf(() -> ActrIds.parseType(null)).getMessage()).contains("null");
        assertThat(failureOf(() -> ActrIds.parseType("acme@x:echo:1")).getMessage())
            .contains("manufacturer has a forbidden character '@'");
    }

    static Stream<Arguments> badIds()
    {
        return Stream.of(
            arguments("1f7/acme:echo:1.0.0", "missing '@'"),
            arguments("1f@7acme:echo:1.0.0", "missing '/'"),
            arguments("/7@acme:echo:1.0.0", "missing '/'"),
            arguments("@7/acme:echo:1.0.0", "serial must be 1 to 16 hex digits, got \"\""),
            arguments("1ffffffffffffffff@7/acme:echo:1.0.0", "serial must be 1 to 16 hex digits"),
            arguments("1g@7/acme:echo:1.0.0", "non-hex character 'g'"),
            arguments("-1@7/acme:echo:1.0.0", "non-hex character '-'"),
            arguments("+1@7/acme:echo:1.0.0", "non-hex character '+'"),
            arguments("1 @7/acme:echo:1.0.0", "non-hex character ' '"),
            arguments("\uFF11@7/acme:echo:1.0.0", "non-hex character '\uFF11'"),
            arguments("1f@7a/acme:echo:1.0.0", "realm has a non-digit 'a'"),
            arguments("1f@-7/acme:echo:1.0.0", "realm has a non-digit '-'"),
            arguments("1f@\u0667/acme:echo:1.0.0", "realm has a non-digit '\u0667'"),
            arguments("1f@/acme:echo:1.0.0", "realm must be a decimal u32"),
            arguments("1f@4294967296/acme:echo:1.0.0", "realm 4294967296 exceeds u32"),
            arguments("1f@99999999999/acme:echo:1.0.0", "realm must be a decimal u32"),
            arguments("1f@7/:echo:1.0.0", "manufacturer is empty"),
            arguments("1f@7/acme::1.0.0", "name is empty"),
            arguments("1f@7/acme:echo", "type must be <manufacturer>:<name>:<version>"),
            arguments("1f@7/acme", "type must be <manufacturer>:<name>:<version>"),
            arguments("1f@7/acme:echo:1.0:0", "version has a forbidden character ':'"),
            arguments("1f@7/acme:echo:1.0/0", "version has a forbidden character '/'"),
            arguments("1f@7/acme:echo:1@0", "version has a forbidden character '@'"),
            arguments("1f@7/ac me:echo:1.0.0", "manufacturer has a forbidden character ' '"),
            arguments("1f@7/acme:ec\tho:1.0.0", "name has a forbidden character '\t'"),
            arguments("1f@7/acme:echo:1.0.0\n", "version has a forbidden character '\n'"),
            arguments("1f@7/acme:echo:1.0.0\u0000", "version has a forbidden character '\u0000'"),
            arguments("1f@7/acme:echo:\u20031.0", "version has a forbidden character '\u2003'"),
            arguments("", "missing '@'"));
    }

    @ParameterizedTest
    @MethodSource("badIds")
    void shouldRejectMalformedTextWithInvalidActrIdNamingTheProblem(final String text, final String problem)
    {
        final CodecException failure = failureOf(() -> ActrIds.parse(text));

        assertThat(failure.status()).isEqualTo(CodecStatus.INVALID_ACTR_ID);
        assertThat(failure.category()).isEqualTo(ActrException.Category.ERROR);
        assertThat(failure.getMessage()).startsWith("INVALID_ACTR_ID: ").contains(problem);
    }

    @Test
    void shouldRejectNullWithInvalidActrId()
    {
        final CodecException failure = failureOf(() -> ActrIds.parse(null));

        assertThat(failure.status()).isEqualTo(CodecStatus.INVALID_ACTR_ID);
        assertThat(failure.getMessage()).contains("null");
    }

    private static CodecException failureOf(final Runnable parse)
    {
        final Throwable thrown = catchThrowable(parse::run);
        assertThat(thrown).isExactlyInstanceOf(CodecException.class);
        return (CodecException)thrown;
    }
}
