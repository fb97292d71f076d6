package dev.actr.codegen;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.Edition;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileOptions;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodOptions;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorRequest;
import com.google.protobuf.compiler.PluginProtos.CodeGeneratorResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalTest
{
    @Test
    void shouldRefuseEveryStreamingRpcWithFileLineAndReason()
    {
        final CodeGeneratorResponse response = generate("errors/streaming.proto");

        assertThat(response.getFileList()).isEmpty();
        assertThat(response.getError().split("\n")).containsExactly(
            TestRequests.where("errors/streaming.proto", "rpc Watch") +
                ": rpc errors.streaming.Feed.Watch is server-streaming; actr methods are unary (one request, one " +
                "response): send stream data as DataChunks (ctx.sendChunk / registerStream) on a stream payload " +
                "type, and use an rpc to set the stream up",
            TestRequests.where("errors/streaming.proto", "rpc Upload") +
                ": rpc errors.streaming.Feed.Upload is client-streaming; actr methods are unary (one request, one " +
                "response): send stream data as DataChunks (ctx.sendChunk / registerStream) on a stream payload " +
                "type, and use an rpc to set the stream up",
            TestRequests.where("errors/streaming.proto", "rpc Chat") +
                ": rpc errors.streaming.Feed.Chat is bidirectional-streaming; actr methods are unary (one request, " +
                "one response): send stream data as DataChunks (ctx.sendChunk / registerStream) on a stream " +
                "payload type, and use an rpc to set the stream up");
    }

    @Test
    void shouldRefuseMessageNamedLikeAGeneratedClass()
    {
        final CodeGeneratorResponse response = generate("errors/clash.proto");

        assertThat(response.getFileList()).isEmpty();
        assertThat(response.getError()).isEqualTo(TestRequests.where("errors/clash.proto", "service Billing") +
            ": service errors.clash.Billing: the generated class dev.example.errors.clash.BillingHandler clashes " +
            "with message BillingHandler (" + TestRequests.where("errors/clash.proto", "message BillingHandler") +
            "); rename one of them, or move one to another java_package / java_outer_classname");
    }

    @Test
    void shouldRefuseOuterClassNamedLikeAGeneratedClass()
    {
        final CodeGeneratorResponse response = generate("errors/shop_client.proto");

        assertThat(response.getFileList()).isEmpty();
        assertThat(response.getError()).isEqualTo(TestRequests.where("errors/shop_client.proto", "service Shop") +
            ": service errors.shop.Shop: the generated class dev.example.errors.shop.ShopClient clashes with the " +
            "outer class of errors/shop_client.proto (errors/shop_client.proto); rename one of them, or move one " +
            "to another java_package / java_outer_classname");
    }

    @Test
    void shouldRefuseRpcNamesWhoseGeneratedMethodsCollide()
    {
        final CodeGeneratorResponse response = generate("errors/members.proto");

        assertThat(response.getFileList()).isEmpty();
        assertThat(response.getError().split("\n"))
            .contains(TestRequests.where("errors/members.proto", "rpc SayBlocking") + ": service " +
                "errors.members.Talk: rpc methods Say and SayBlocking all generate TalkClient.sayBlocking(" +
                "HostClient, dev.example.errors.members.Members.Q, long); rename the rpc")
            .contains(TestRequests.where("errors/members.proto", "rpc GetStatus") + ": service " +
                "errors.members.Talk: rpc methods get_status and GetStatus all generate TalkHandler.getStatus(" +
                "ActorContext, dev.example.errors.members.Members.Q); rename the rpc")
            .contains(TestRequests.where("errors/members.proto", "rpc GetStatus") + ": service " +
                "errors.members.Talk: rpc methods get_status and GetStatus all generate TalkClient.GET_STATUS; " +
                "rename the rpc");
    }

    @Test
    void shouldReportProblemsOfEveryFileAndGenerateNothing()
    {
        final CodeGeneratorResponse response = generate("bare.proto", "errors/streaming.proto", "errors/clash.proto");

        assertThat(response.getFileList()).isEmpty();
        assertThat(response.getError()).contains("errors/streaming.proto:").contains("errors/clash.proto:");
    }

    @Test
    void shouldRefuseAnUnknownPayloadTypeNumber()
    {
        final MethodOptions options = MethodOptions.newBuilder()
            .setUnknownFields(UnknownFieldSet.newBuilder()
                .addField(50001, UnknownFieldSet.Field.newBuilder().addVarint(42).build())
                .build())
            .build();
        final FileDescriptorProto file = fileWithService("odd/odd.proto", "odd", options, FileOptions.newBuilder()
            .setJavaPackage("dev.example.odd").build());

        final CodeGeneratorResponse response = ActrCodeGenerator.generate(TestRequests.request(List.of(file),
            "odd/odd.proto"));

        assertThat(response.getError()).isEqualTo(
            "odd/odd.proto: rpc odd.Odd.Call has (actr.payload_type) = 42, which is not a PayloadType this runtime " +
            "knows");
    }

    @Test
    void shouldRefuseAClassNamedLikeAPackageTheGeneratedCodeNames()
    {
        final FileDescriptorProto file = fileWithService("shadow.proto", "shadow", MethodOptions.getDefaultInstance(),
            FileOptions.newBuilder().setJavaPackage("dev.example.shadow").setJavaMultipleFiles(true).build())
            .toBuilder()
            .addMessageType(DescriptorProto.newBuilder().setName("com"))
            .build();

        final CodeGeneratorResponse response = ActrCodeGenerator.generate(TestRequests.request(List.of(file),
            "shadow.proto"));

        assertThat(response.getError()).isEqualTo("shadow.proto: service shadow.Odd: the generated code names " +
            "classes under 'com.' in full, but class com of the same Java package would hide that package; rename " +
            "the type or move it to another java_package");
    }

    @Test
    void shouldRefuseMessagesInTheUnnamedPackageUsedFromANamedOne()
    {
        final FileDescriptorProto messages = FileDescriptorProto.newBuilder().setName("plain.proto")
            .addMessageType(DescriptorProto.newBuilder().setName("M")).build();
        final FileDescriptorProto service = FileDescriptorProto.newBuilder().setName("user.proto").setPackage("user")
            .addDependency("plain.proto")
            .addService(ServiceDescriptorProto.newBuilder().setName("User")
                .addMethod(MethodDescriptorProto.newBuilder().setName("Get").setInputType(".M").setOutputType(".M")))
            .build();

        final CodeGeneratorResponse response = ActrCodeGenerator.generate(TestRequests.request(
            List.of(messages, service), "user.proto"));

        assertThat(response.getError()).isEqualTo("user.proto: rpc user.User.Get uses M, whose Java class Plain.M " +
            "is in the unnamed package, which classes in package user cannot see; give its file a java_package");
    }

    @Test
    void shouldRefuseAnEditionAfter2023()
    {
        final FileDescriptorProto file = fileWithService("e/e.proto", "e", MethodOptions.getDefaultInstance(),
            FileOptions.getDefaultInstance()).toBuilder().setSyntax("editions").setEdition(Edition.EDITION_2024)
            .build();

        final CodeGeneratorResponse response = ActrCodeGenerator.generate(TestRequests.request(List.of(file),
            "e/e.proto"));

        assertThat(response.getFileList()).isEmpty();
        assertThat(response.getError()).isEqualTo("e/e.proto: EDITION_2024 is not supported: protobuf-java names " +
            "classes differently from it on; use edition 2023, proto3 or proto2");
    }

    @Test
    void shouldRefuseAPluginParameter()
    {
        final CodeGeneratorRequest request = TestRequests.request("bare.proto").toBuilder()
            .setParameter("tells=none").build();

        assertThat(ActrCodeGenerator.generate(request).getError())
            .isEqualTo("actr-codegen takes no options, got 'tells=none'");
    }

    @Test
    void shouldGenerateNothingForAFileWithoutServices()
    {
        final FileDescriptorProto file = FileDescriptorProto.newBuilder().setName("none.proto").setPackage("none")
            .addMessageType(DescriptorProto.newBuilder().setName("NoneHandler")).build();

        final CodeGeneratorResponse response = ActrCodeGenerator.generate(TestRequests.request(List.of(file),
            "none.proto"));

        assertThat(response.getError()).isEmpty();
        assertThat(response.getFileList()).isEmpty();
    }

    @Test
    void shouldDeclareTheFeaturesAndEditionsItServes()
    {
        final CodeGeneratorResponse response = generate("bare.proto");

        assertThat(response.getSupportedFeatures()).isEqualTo(
            CodeGeneratorResponse.Feature.FEATURE_PROTO3_OPTIONAL_VALUE |
            CodeGeneratorResponse.Feature.FEATURE_SUPPORTS_EDITIONS_VALUE);
        assertThat(response.getMaximumEdition()).isEqualTo(1000);
    }

    private static CodeGeneratorResponse generate(final String... files)
    {
        return ActrCodeGenerator.generate(TestRequests.request(files));
    }

    private static FileDescriptorProto fileWithService(
        final String name, final String protoPackage, final MethodOptions methodOptions, final FileOptions options)
    {
        return FileDescriptorProto.newBuilder().setName(name).setPackage(protoPackage).setOptions(options)
            .addMessageType(DescriptorProto.newBuilder().setName("Q"))
            .addService(ServiceDescriptorProto.newBuilder().setName("Odd")
                .addMethod(MethodDescriptorProto.newBuilder().setName("Call")
                    .setInputType("." + protoPackage + ".Q").setOutputType("." + protoPackage + ".Q")
                    .setOptions(methodOptions)))
            .build();
    }
}
