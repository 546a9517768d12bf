package dev.limitlab.docker;

/** The engine host's size, as the engine reports it ({@code docker info}: NCPU, MemTotal). */
public record HostInfo(int cpus, long memoryBytes) {
}
