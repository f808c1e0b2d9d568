/**
 * The {@code groupkit} command line: add, remove, invite links, members, bulk adds from a CSV file
 * and credential checks for each provider, on real accounts (credentials from the environment or
 * a config file, never the command line) or on the embedded simulators ({@code --simulator}).
 */
package io.groupkit.examples.cli;
