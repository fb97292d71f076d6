/**
 * actr-codegen: a protoc plugin that turns each {@code service} of a .proto file into typed Java for the actr
 * engine — a handler interface with a binder that registers every method under its route key, payload type and
 * request parser, and a client for actors ({@code Reply} with continuations) and for the host (future and
 * blocking).
 *
 * <p>Position in the data flow: none at run time. It runs at build time, inside protoc: protoc parses the user's
 * .proto files and sends a {@code CodeGeneratorRequest} on standard input to {@link dev.actr.codegen.ActrProtocPlugin};
 * {@link dev.actr.codegen.ActrCodeGenerator} resolves each service ({@code ServiceResolver}, Java names as
 * protobuf-java places message classes: {@code JavaTypeIndex}), refuses what it cannot serve with the file, line
 * and reason ({@code ServiceChecks}), and writes the sources ({@code HandlerWriter}, {@code ClientWriter}). The
 * generated code calls the public actor API of {@code dev.actr.engine.actor} and {@code dev.actr.engine.HostClient};
 * this module itself sees only codec (for the {@code (actr.payload_type)} method option).
 */
package dev.actr.codegen;
