package dev.limitlab.engine;

import dev.limitlab.docker.EngineIdentity;
import dev.limitlab.scenario.Limits;
import dev.limitlab.scenario.Workload;

/**
 * Which CPUs a trial's containers may run on ({@code --cpuset-cpus}; null: any). A service's load driver is pinned
 * away from the service where the host has the CPUs, so that the driver's own work never competes with the service
 * it measures: the service gets CPUs 0..n-2 and the driver CPU n-1, when the service's {@code --cpus} fits in n-1.
 *
 * @param workload the workload's (the service's) CPUs
 * @param driver   the load driver's CPUs
 */
record Placement(String workload, String driver) {
    static Placement of(Workload workload, Limits limits, String slot, EngineIdentity engine) {
        if (!(workload instanceof Workload.Service)) {
            return new Placement(slot, null);
        }
        if (slot != null) {
            return new Placement(slot, slot); // a parallel trial keeps to its slot, driver included
        }
        int cpus = engine.hostInfo().cpus();
        if (cpus < 2 || limits.cpus() == null || limits.cpus() > cpus - 1) {
            return new Placement(null, null);
        }
        return new Placement(cpus == 2 ? "0" : "0-" + (cpus - 2), Integer.toString(cpus - 1));
    }
}
