package dev.actr.codegen;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileOptions;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JavaTypeIndexTest
{
    private static final DescriptorProto OUTER = DescriptorProto.newBuilder().setName("Outer")
        .addNestedType(DescriptorProto.newBuilder().setName("Inner")).build();

    @Test
    void shouldNestMessagesInAnExplicitOuterClassWithoutMultipleFiles()
    {
        final JavaTypeIndex index = new JavaTypeIndex(List.of(FileDescriptorProto.newBuilder().setName("a/b.proto")
            .setPackage("a.b").setOptions(FileOptions.newBuilder().setJavaPackage("com.example.ab")
                .setJavaOuterClassname("AbProtos"))
            .addMessageType(OUTER).build()));

        assertThat(index.javaClass(".a.b.Outer")).isEqualTo("com.example.ab.AbProtos.Outer");
        assertThat(index.javaClass(".a.b.Outer.Inner")).isEqualTo("com.example.ab.AbProtos.Outer.Inner");
        assertThat(index.javaPackage(".a.b.Outer.Inner")).isEqualTo("com.example.ab");
        assertThat(index.topLevelClasses("com.example.ab")).extracting(JavaTypeIndex.TopLevelClass::simpleName)
            .containsExactly("AbProtos");
    }

    @Test
    void shouldUseTheProtoPackageAndSuffixAnOuterClassThatANestedEnumNames()
    {
        final JavaTypeIndex index = new JavaTypeIndex(List.of(FileDescriptorProto.newBuilder()
            .setName("x/status_codes.proto").setPackage("x.y")
            .addMessageType(OUTER.toBuilder().addEnumType(EnumDescriptorProto.newBuilder().setName("StatusCodes")))
            .build()));

        assertThat(index.javaClass(".x.y.Outer.Inner")).isEqualTo("x.y.StatusCodesOuterClass.Outer.Inner");
        assertThat(index.naming("x/status_codes.proto").outerClass()).isEqualTo("StatusCodesOuterClass");
    }

    @Test
    void shouldListEveryTopLevelClassOfMultipleFiles()
    {
        final JavaTypeIndex index = new JavaTypeIndex(List.of(FileDescriptorProto.newBuilder().setName("m.proto")
            .setOptions(FileOptions.newBuilder().setJavaMultipleFiles(true).setJavaPackage("p"))
            .addMessageType(OUTER)
            .addEnumType(EnumDescriptorProto.newBuilder().setName("Mode"))
            .addService(com.google.protobuf.DescriptorProtos.ServiceDescriptorProto.newBuilder().setName("Svc"))
            .build()));

        assertThat(index.javaClass(".Outer.Inner")).isEqualTo("p.Outer.Inner");
        assertThat(index.topLevelClasses("p")).extracting(JavaTypeIndex.TopLevelClass::simpleName)
            .containsExactly("M", "Outer", "OuterOrBuilder", "Mode", "SvcHandler", "SvcClient");
    }
}
