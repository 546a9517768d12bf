package dev.limitlab.engine;

import dev.limitlab.docker.EngineException;
import dev.limitlab.docker.EngineResource;
import dev.limitlab.docker.Inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Removes what limitlab runs left on the engine, found by the label {@value TrialRunner#RUN_LABEL} and judged run
 * by run from the run's lock ({@link RunLocks}): held, its process is alive; free, its process is gone; no lock
 * file, its owner is unknown here (another host, an older limitlab, a reboot that emptied the lock directory).
 * Nothing without the label is ever touched.
 */
public final class LeftoverReaper {
    private final Inventory inventory;
    private final RunLocks locks;
    private final Predicate<String> scope;

    public LeftoverReaper(Inventory inventory, RunLocks locks) {
        this(inventory, locks, runId -> true);
    }

    /** Limited to the run ids {@code scope} accepts, so that a test on a shared engine touches only its own runs. */
    LeftoverReaper(Inventory inventory, RunLocks locks, Predicate<String> scope) {
        this.inventory = inventory;
        this.locks = locks;
        this.scope = scope;
    }

    /** What one run left on the engine, containers first, and what its lock says about its owner. */
    public record RunLeftovers(String runId, RunLock.Probe owner, List<EngineResource> resources) {
        public RunLeftovers {
            resources = resources.stream().sorted(Comparator.comparing(EngineResource::kind)).toList();
        }

        RunLock.Probe.State ownerState() {
            return owner.state();
        }

        /** Why its leftovers may go, or why not: "its process is gone". */
        String ownerStatus() {
            return switch (owner.state()) {
                case FREE -> "its process is gone";
                case NO_FILE -> "no lock for it on this host";
                case HELD -> "its process" + (owner.holder().pid() < 0 ? "" : " (pid " + owner.holder().pid() + ")")
                        + " is still running";
            };
        }
    }

    /** Everything labelled {@value TrialRunner#RUN_LABEL} on the engine, by run id. */
    public List<RunLeftovers> survey() {
        Map<String, List<EngineResource>> byRun = new TreeMap<>();
        for (EngineResource resource : inventory.resourcesLabelled(TrialRunner.RUN_LABEL)) {
            String runId = resource.label(TrialRunner.RUN_LABEL);
            // checked again here: whatever the engine's filter returned, nothing without the label is touched
            if (runId != null && scope.test(runId)) {
                byRun.computeIfAbsent(runId, id -> new ArrayList<>()).add(resource);
            }
        }
        List<RunLeftovers> runs = new ArrayList<>();
        byRun.forEach((runId, resources) -> runs.add(new RunLeftovers(runId, locks.probeRun(runId), resources)));
        return runs;
    }

    /**
     * For the start of every command: removes what runs whose process is gone left, with one line per run.
     * Runs with no lock here are left alone (their owner may be alive elsewhere) and mentioned in one line.
     */
    public void reapDeadRuns(Consumer<String> out) {
        List<RunLeftovers> runs = survey();
        List<RunLeftovers> unknown = new ArrayList<>();
        for (RunLeftovers run : runs) {
            switch (run.ownerState()) {
                case FREE -> removeAll(run, "left by", out);
                case NO_FILE -> unknown.add(run);
                case HELD -> {
                    // its run is in progress
                }
            }
        }
        if (!unknown.isEmpty()) {
            out.accept("note: " + counts(unknown.stream().flatMap(run -> run.resources().stream()).toList())
                    + " of " + unknown.size() + " other run(s) have no lock on this host (another host's run, an older"
                    + " limitlab, or a reboot); `limitlab cleanup` removes them");
        }
        forgetUnusedLocks(runs);
    }

    /**
     * {@code limitlab cleanup}: removes everything labelled, except what runs still in progress use unless
     * {@code force}; with {@code dryRun}, only lists it. Returns how many runs in progress were kept.
     */
    public int cleanup(boolean force, boolean dryRun, Consumer<String> out) {
        List<RunLeftovers> runs = survey();
        if (runs.isEmpty()) {
            out.accept("nothing on the engine carries the label " + TrialRunner.RUN_LABEL);
        }
        int kept = 0;
        for (RunLeftovers run : runs) {
            boolean inProgress = run.ownerState() == RunLock.Probe.State.HELD;
            if (inProgress && !force) {
                kept++;
                out.accept("kept " + counts(run.resources()) + " of run " + run.runId() + ": " + run.ownerStatus());
            } else if (dryRun) {
                run.resources().forEach(resource -> out.accept("would remove " + resource.describe() + " of run "
                        + run.runId() + " (" + run.ownerStatus() + ")"));
            } else {
                removeAll(run, "of", out);
            }
        }
        if (!dryRun) {
            forgetUnusedLocks(runs);
        }
        return kept;
    }

    /** Removes the run's resources, containers first, then says so in one line; a refusal gets a line of its own. */
    private void removeAll(RunLeftovers run, String preposition, Consumer<String> out) {
        List<EngineResource> removed = new ArrayList<>();
        for (EngineResource resource : run.resources()) {
            try {
                inventory.removeResource(resource);
                removed.add(resource);
            } catch (EngineException refused) {
                out.accept("could not remove " + resource.describe() + " of run " + run.runId() + ": " + refused.getMessage());
            }
        }
        if (!removed.isEmpty()) {
            out.accept("removed " + counts(removed) + " " + preposition + " run " + run.runId() + " (" + run.ownerStatus() + ")");
        }
        // A free lock file tells the next reaper the owner is gone: keep it until nothing of the run is left.
        if (removed.size() == run.resources().size() && run.ownerState() == RunLock.Probe.State.FREE) {
            locks.forgetRun(run.runId());
        }
    }

    /**
     * Deletes free lock files of runs with nothing left on the engine: a run ended by Ctrl-C or SIGTERM removed its
     * containers but could not delete its lock file. Held ones, and those of runs with leftovers, stay.
     */
    private void forgetUnusedLocks(List<RunLeftovers> surveyed) {
        Set<String> withLeftovers = new HashSet<>();
        surveyed.forEach(run -> withLeftovers.add(run.runId()));
        for (String runId : locks.runsWithLockFiles()) {
            if (scope.test(runId) && !withLeftovers.contains(runId)) {
                locks.forgetRun(runId);
            }
        }
    }

    /** "2 container(s), 1 network(s)". */
    static String counts(List<EngineResource> resources) {
        Map<EngineResource.Kind, Long> byKind = resources.stream().collect(Collectors.groupingBy(EngineResource::kind,
                () -> new EnumMap<>(EngineResource.Kind.class), Collectors.counting()));
        return byKind.entrySet().stream().map(entry -> entry.getValue() + " " + entry.getKey().plural())
                .collect(Collectors.joining(", "));
    }
}
