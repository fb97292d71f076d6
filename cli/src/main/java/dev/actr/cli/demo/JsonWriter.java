package dev.actr.cli.demo;

import java.util.Locale;

/**
 * Writes one JSON document, compactly, in the order it is told: just what the demo's results need (objects,
 * arrays, strings, numbers, booleans, null). Commas are placed for the caller; strings are escaped per RFC 8259.
 *
 * <p>NOT thread safe.
 */
final class JsonWriter
{
    private final StringBuilder out = new StringBuilder(1024);
    private boolean first = true;

    JsonWriter beginObject()
    {
        separate();
        out.append('{');
        first = true;
        return this;
    }

    JsonWriter endObject()
    {
        out.append('}');
        first = false;
        return this;
    }

    JsonWriter beginArray()
    {
        separate();
        out.append('[');
        first = true;
        return this;
    }

    JsonWriter endArray()
    {
        out.append(']');
        first = false;
        return this;
    }

    /**
     * The key of the next value, which the caller writes next.
     */
    JsonWriter key(final String key)
    {
        separate();
        string(key);
        out.append(':');
        first = true;
        return this;
    }

    JsonWriter field(final String key, final String value)
    {
        key(key);
        first = false;
        if (value == null)
        {
            out.append("null");
        }
        else
        {
            string(value);
        }
        return this;
    }

    JsonWriter field(final String key, final long value)
    {
        key(key);
        first = false;
        out.append(value);
        return this;
    }

    JsonWriter field(final String key, final double value)
    {
        key(key);
        first = false;
        out.append(Double.isFinite(value) ? String.format(Locale.ROOT, "%.3f", value) : "null");
        return this;
    }

    JsonWriter field(final String key, final boolean value)
    {
        key(key);
        first = false;
        out.append(value);
        return this;
    }

    JsonWriter strings(final String key, final Iterable<String> values)
    {
        key(key).beginArray();
        for (final String value : values)
        {
            separate();
            string(value);
            first = false;
        }
        return endArray();
    }

    @Override
    public String toString()
    {
        return out.toString();
    }

    private void separate()
    {
        if (!first)
        {
            out.append(',');
        }
        first = false;
    }

    private void string(final String value)
    {
        out.append('"');
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            switch (c)
            {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
                    break;
            }
        }
        out.append('"');
    }
}
