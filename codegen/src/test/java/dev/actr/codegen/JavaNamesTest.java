package dev.actr.codegen;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JavaNamesTest
{
    @Test
    void shouldCamelCaseFileNamesAsProtobufJavaDoes()
    {
        assertThat(JavaNames.defaultOuterClassName("acme/echo_service.proto")).isEqualTo("EchoService");
        assertThat(JavaNames.defaultOuterClassName("foo-bar.baz.proto")).isEqualTo("FooBarBaz");
        assertThat(JavaNames.defaultOuterClassName("v2/api2go.proto")).isEqualTo("Api2Go");
        assertThat(JavaNames.defaultOuterClassName("HTTPThing.protodevel")).isEqualTo("HTTPThing");
        assertThat(JavaNames.defaultOuterClassName("plain")).isEqualTo("Plain");
    }

    @Test
    void shouldLowerCamelRpcNamesAndEscapeKeywords()
    {
        assertThat(JavaNames.methodName("Say")).isEqualTo("say");
        assertThat(JavaNames.methodName("get_foo")).isEqualTo("getFoo");
        assertThat(JavaNames.methodName("Import")).isEqualTo("import_");
        assertThat(JavaNames.methodName("New")).isEqualTo("new_");
        assertThat(JavaNames.methodName("Default")).isEqualTo("default_");
        assertThat(JavaNames.methodName("Yield")).isEqualTo("yield_");
        assertThat(JavaNames.methodName("Record")).isEqualTo("record");
        assertThat(JavaNames.upperCamel("import")).isEqualTo("Import");
        assertThat(JavaNames.upperCamel("get_foo")).isEqualTo("GetFoo");
    }

    @Test
    void shouldFormConstantNamesFromWordBoundaries()
    {
        assertThat(JavaNames.constantName("Say")).isEqualTo("SAY");
        assertThat(JavaNames.constantName("OpenTake")).isEqualTo("OPEN_TAKE");
        assertThat(JavaNames.constantName("GetHTTPHeader")).isEqualTo("GET_HTTP_HEADER");
        assertThat(JavaNames.constantName("get_foo")).isEqualTo("GET_FOO");
        assertThat(JavaNames.constantName("V2Sync")).isEqualTo("V2_SYNC");
        assertThat(JavaNames.constantName("Get__Odd_")).isEqualTo("GET_ODD_");
    }

    @Test
    void shouldEscapeWhatWouldBreakAJavadocComment()
    {
        assertThat(Javadoc.escape("a */ b <i> & @see C:\\u0041")).isEqualTo(
            "a *&#47; b &lt;i&gt; &amp; &#64;see C:&#92;u0041");
        assertThat(Javadoc.lines("\n Says hello.\n\n   Indented.\n  \n")).containsExactly(
            "Says hello.", "", "  Indented.");
        assertThat(Javadoc.paragraphs(Javadoc.lines(" One.\n\n Two.\n Three."), false)).containsExactly(
            "One.", "", "<p>Two.", "Three.");
    }
}
