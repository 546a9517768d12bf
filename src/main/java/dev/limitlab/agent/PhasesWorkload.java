package dev.limitlab.agent;

import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs workloads one after another, each until its phase's scheduled end, then stops it and lets go of what it held
 * before the next begins. Phase ends are scheduled from the start (not from when the previous phase finished
 * releasing), so the host can place each phase on its timeline; every line a phase prints carries its index.
 */
final class PhasesWorkload implements AgentWorkload {

    private final WorkloadSpec.Phases spec;
    private final Function<WorkloadSpec, AgentWorkload> workloads;

    /** @param workloads makes the workload of a phase's spec ({@link Agent#workload} outside tests) */
    PhasesWorkload(WorkloadSpec.Phases spec, Function<WorkloadSpec, AgentWorkload> workloads) {
        this.spec = spec;
        this.workloads = workloads;
    }

    @Override
    public int run(Reporter reporter, long stopAtNanos) {
        long phaseEnd = reporter.startNanos();
        for (int index = 0; index < spec.phases().size(); index++) {
            WorkloadSpec.Phase phase = spec.phases().get(index);
            phaseEnd = Math.min(phaseEnd + TimeUnit.MILLISECONDS.toNanos(phase.durationMs()), stopAtNanos);
            Reporter phaseReporter = reporter.forPhase(index, phase.workload().name());
            long residentBytes = ProcessMemory.residentBytes();
            phaseReporter.emit(phaseReporter.line("phase").put("durationMs", phase.durationMs())
                    .put("rssBytes", residentBytes < 0 ? null : residentBytes));
            int exitCode = workloads.apply(phase.workload()).run(phaseReporter, phaseEnd);
            if (exitCode != 0) return exitCode; // e.g. the JVM ran out of memory: that ends the run, as it would alone
            Reporter.sleepUntil(phaseEnd); // a workload that ended early leaves the rest of its phase idle
            // Dropped memory goes back only once collected (direct buffers are freed by their cleaners after a GC).
            System.gc();
            if (phaseEnd >= stopAtNanos) break;
        }
        return 0;
    }
}
