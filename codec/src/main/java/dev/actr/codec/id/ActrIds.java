package dev.actr.codec.id;

import dev.actr.codec.CodecException;
import dev.actr.codec.CodecStatus;
import dev.actr.codec.proto.ActrId;
import dev.actr.codec.proto.ActrType;
import dev.actr.codec.proto.Realm;

/**
 * Formats and parses the text form of {@link ActrId} and {@link ActrType}:
 * <pre>
 *   ActrId:   &lt;serial_hex&gt;@&lt;realm&gt;/&lt;manufacturer&gt;:&lt;name&gt;:&lt;version&gt;
 *   ActrType: &lt;manufacturer&gt;:&lt;name&gt;:&lt;version&gt;
 *   e.g.      1f@7/acme:echo:1.0.0
 * </pre>
 * {@code serial_hex} is the unsigned 64-bit serial number in lower-case hex (upper case is accepted);
 * {@code realm} the unsigned 32-bit realm id in decimal. Manufacturer and name are non-empty; an empty version
 * means the version is not set. No part may contain {@code @ / :} or white space. Formatting then parsing gives
 * back an equal message.
 */
public final class ActrIds
{
    private static final int MAX_SERIAL_HEX_DIGITS = 16;
    private static final long MAX_REALM = 0xFFFF_FFFFL;

    private ActrIds()
    {
    }

    /**
     * @param id to format.
     * @return its text form.
     */
    public static String format(final ActrId id)
    {
        return Long.toHexString(id.getSerialNumber()) + '@' + Integer.toUnsignedString(id.getRealm().getRealmId()) +
            '/' + format(id.getType());
    }

    /**
     * @param type to format.
     * @return its text form.
     */
    public static String format(final ActrType type)
    {
        return type.getManufacturer() + ':' + type.getName() + ':' + type.getVersion();
    }

    /**
     * @param text an ActrId text form.
     * @return the id it names.
     * @throws CodecException with {@link CodecStatus#INVALID_ACTR_ID} naming what is wrong.
     */
    public static ActrId parse(final String text)
    {
        if (text == null)
        {
            throw invalid("ActrId text is null");
        }
        final int at = text.indexOf('@');
        if (at < 0)
        {
            throw invalid("missing '@' between serial and realm in \"" + text + "\"");
        }
        final int slash = text.indexOf('/', at + 1);
        if (slash < 0)
        {
            throw invalid("missing '/' between realm and type in \"" + text + "\"");
        }
        return ActrId.newBuilder()
            .setSerialNumber(parseSerial(text.substring(0, at), text))
            .setRealm(Realm.newBuilder().setRealmId((int)parseRealm(text.substring(at + 1, slash), text)))
            .setType(parseType(text.substring(slash + 1)))
            .build();
    }

    /**
     * @param text an ActrType text form {@code <manufacturer>:<name>:<version>}.
     * @return the type it names.
     * @throws CodecException with {@link CodecStatus#INVALID_ACTR_ID} naming what is wrong.
     */
    public static ActrType parseType(final String text)
    {
        if (text == null)
        {
            throw invalid("ActrType text is null");
        }
        final int first = text.indexOf(':');
        final int second = first < 0 ? -1 : text.indexOf(':', first + 1);
        if (second < 0)
        {
            throw invalid("type must be <manufacturer>:<name>:<version>, got \"" + text + "\"");
        }
        final String manufacturer = part("manufacturer", text.substring(0, first), false, text);
        final String name = part("name", text.substring(first + 1, second), false, text);
        final String version = part("version", text.substring(second + 1), true, text);
        final ActrType.Builder builder = ActrType.newBuilder().setManufacturer(manufacturer).setName(name);
        if (!version.isEmpty())
        {
            builder.setVersion(version);
        }
        return builder.build();
    }

    private static long parseSerial(final String serial, final String text)
    {
        if (serial.isEmpty() || serial.length() > MAX_SERIAL_HEX_DIGITS)
        {
            throw invalid("serial must be 1 to 16 hex digits, got \"" + serial + "\" in \"" + text + "\"");
        }
        for (int i = 0; i < serial.length(); i++)
        {
            if (Character.digit(serial.charAt(i), 16) < 0 || serial.charAt(i) > 'f')
            {
                throw invalid("serial has a non-hex character '" + serial.charAt(i) + "' in \"" + text + "\"");
            }
        }
        return Long.parseUnsignedLong(serial, 16);
    }

    private static long parseRealm(final String realm, final String text)
    {
        if (realm.isEmpty() || realm.length() > 10)
        {
            throw invalid("realm must be a decimal u32, got \"" + realm + "\" in \"" + text + "\"");
        }
        long value = 0;
        for (int i = 0; i < realm.length(); i++)
        {
            final char c = realm.charAt(i);
            if (c < '0' || c > '9')
            {
                throw invalid("realm has a non-digit '" + c + "' in \"" + text + "\"");
            }
            value = value * 10 + (c - '0');
        }
        if (value > MAX_REALM)
        {
            throw invalid("realm " + realm + " exceeds u32 in \"" + text + "\"");
        }
        return value;
    }

    private static String part(final String what, final String value, final boolean mayBeEmpty, final String text)
    {
        if (value.isEmpty() && !mayBeEmpty)
        {
            throw invalid(what + " is empty in \"" + text + "\"");
        }
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '@' || c == '/' || c == ':' || Character.isWhitespace(c) || Character.isISOControl(c))
            {
                throw invalid(what + " has a forbidden character '" + c + "' in \"" + text + "\"");
            }
        }
        return value;
    }

    private static CodecException invalid(final String message)
    {
        return new CodecException(CodecStatus.INVALID_ACTR_ID, message);
    }
}
