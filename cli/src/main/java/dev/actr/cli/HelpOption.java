package dev.actr.cli;

import picocli.CommandLine.Option;

/**
 * The {@code -h, --help} option every actr command has (a picocli mixin).
 */
final class HelpOption
{
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean helpRequested;
}
