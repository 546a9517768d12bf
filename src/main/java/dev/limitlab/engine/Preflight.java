package dev.limitlab.engine;

import dev.limitlab.docker.HostInfo;
import dev.limitlab.format.Sizes;
import dev.limitlab.scenario.Experiment;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.Scenario;
import dev.limitlab.scenario.Workload;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The host guard, checked before any container starts: every trial must fit the engine's host, and
 * parallel trials must fit it together, so a run never presses on the host or on its neighbours.
 */
final class Preflight {
    private Preflight() {
    }

    /** The CPU sets of the parallel slots: the host's CPUs split evenly, or one unpinned slot. */
    static List<String> cpusets(int hostCpus, int parallel) {
        if (parallel <= 1) {
            return java.util.Collections.singletonList(null);
        }
        if (parallel > hostCpus) {
            throw new PreflightException("--parallel " + parallel + " needs at least " + parallel
                    + " CPUs, one per trial; the engine's host has " + hostCpus);
        }
        int size = hostCpus / parallel;
        List<String> sets = new ArrayList<>();
        for (int slot = 0; slot < parallel; slot++) {
            int first = slot * size;
            sets.add(size == 1 ? Integer.toString(first) : first + "-" + (first + size - 1));
        }
        return sets;
    }

    static void check(Scenario scenario, List<Trial> trials, HostInfo host, int parallel, boolean allowUnbounded,
                      Predicate<String> imageOnEngine) {
        for (Experiment experiment : scenario.experiments()) {
            Workload workload = experiment.isolation().map(isolation -> isolation.aggressor().workload()).orElse(experiment.workload());
            String image = workload instanceof Workload.Command command ? command.image()
                    : experiment.workload() instanceof Workload.Service service ? service.image() : null;
            if (image != null && !imageOnEngine.test(image)) {
                throw new PreflightException(scenario.source() + ": experiment \"" + experiment.name() + "\": image \""
                        + image + "\" is not on the engine, and limitlab never pulls (there may be no registry):"
                        + " build or load it first (docker build, docker load or docker import)");
            }
        }
        int cpusPerSlot = parallel <= 1 ? host.cpus() : host.cpus() / parallel;
        for (Trial trial : trials) {
            Limits limits = trial.limits();
            String where = scenario.source() + ": experiment \"" + trial.experiment().name() + "\"";
            if (limits.cpus() != null && limits.cpus() > cpusPerSlot) {
                throw new PreflightException(where + ": cpus " + limits.cpus() + " does not fit "
                        + (parallel <= 1 ? "the engine's host, which has " + host.cpus() + " CPUs"
                        : "a slot of " + cpusPerSlot + " CPU(s) with --parallel " + parallel)
                        + " (expected cpus <= " + cpusPerSlot + ")");
            }
            if (limits.memory() != null && host.memoryBytes() > 0 && limits.memory() > host.memoryBytes()) {
                throw new PreflightException(where + ": memory " + Sizes.format(limits.memory())
                        + " is more than the engine host's " + Sizes.format(host.memoryBytes()));
            }
            if (trial.experiment().workload() instanceof Workload.Memory && limits.memory() == null && !allowUnbounded) {
                throw new PreflightException(where + ": a memory workload without a memory limit would press on the"
                        + " host (expected limits.memory or matrix.memory, or --allow-unbounded)");
            }
        }
        if (parallel > 1 && host.memoryBytes() > 0) {
            long together = trials.stream().map(t -> t.limits().memory() == null ? 0L : t.limits().memory())
                    .sorted(Comparator.reverseOrder()).limit(parallel).mapToLong(Long::longValue).sum();
            if (together > host.memoryBytes()) {
                throw new PreflightException(scenario.source() + ": the " + parallel + " largest memory limits add up to "
                        + Sizes.format(together) + ", more than the engine host's " + Sizes.format(host.memoryBytes())
                        + " (expected a smaller --parallel)");
            }
        }
    }
}
