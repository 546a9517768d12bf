package dev.limitlab.recommend;

import dev.limitlab.format.Notation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One {@code --cpus} from the rules that each judge their own experiments: the throughput knee of cpu, jmh and command
 * workloads ({@link CpuRule}) and the latency objective of services ({@link ServiceRule}). Where both ran, every
 * experiment must get what it needs: the larger number wins, and none when either found none.
 */
final class CpuFindings {
    private CpuFindings() {
    }

    static CpuRule.Finding combine(RunView run, CpuRule.Finding throughput, Optional<CpuRule.Finding> service) {
        if (service.isEmpty()) {
            return throughput;
        }
        if (run.configurations().stream().noneMatch(c -> CpuRule.KINDS.contains(c.workload()))) {
            return service.get();
        }
        CpuRule.Finding objective = service.get();
        List<String> evidence = new ArrayList<>(throughput.evidence());
        evidence.addAll(objective.evidence());
        Map<String, Double> best = new TreeMap<>(throughput.best());
        best.putAll(objective.best());
        if (throughput.cpus() == null || objective.cpus() == null) {
            TreeSet<Double> toTry = new TreeSet<>(throughput.toTry());
            toTry.addAll(objective.toTry());
            return new CpuRule.Finding(null, null, List.copyOf(toTry), best, evidence);
        }
        double cpus = Math.max(throughput.cpus(), objective.cpus());
        evidence.add("--cpus " + Notation.plain(cpus) + ": the larger of the throughput knee (" + Notation.plain(throughput.cpus())
                + ") and the service objective (" + Notation.plain(objective.cpus()) + ")");
        Double request = throughput.request() == null ? objective.request()
                : objective.request() == null ? throughput.request() : Math.max(throughput.request(), objective.request());
        return new CpuRule.Finding(cpus, request, List.of(), best, evidence);
    }
}
