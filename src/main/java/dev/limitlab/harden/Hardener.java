package dev.limitlab.harden;

import dev.limitlab.docker.ContainerSpec;
import dev.limitlab.docker.Mounts;
import dev.limitlab.docker.ContainerStartException;
import dev.limitlab.docker.Containers;
import dev.limitlab.docker.EngineIdentity;
import dev.limitlab.docker.Forensics;
import dev.limitlab.docker.Inventory;
import dev.limitlab.docker.EngineSecurity;
import dev.limitlab.docker.FileChange;
import dev.limitlab.docker.LogLine;
import dev.limitlab.engine.RunContext;
import dev.limitlab.engine.RunLocks;
import dev.limitlab.harden.CapabilityFinding.Needed;
import dev.limitlab.harden.CapabilityFinding.Verdict;
import dev.limitlab.harden.FlagCheck.Setting;
import dev.limitlab.harden.FlagCheck.Status;
import dev.limitlab.harden.HardenRun.Outcome;
import dev.limitlab.scenario.Hardening;
import dev.limitlab.scenario.Limits;
import dev.limitlab.settings.DockerFlag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Least privilege, measured: runs a command with {@code --cap-drop ALL}; when that fails, finds a 1-minimal set
 * of capabilities to add back out of the engine's default set; then checks, one at a time on top of that set,
 * no-new-privileges, a read-only root filesystem and a non-root user, reports whether seccomp's and AppArmor's
 * default profiles were on (or why the check is skipped), and tries the resulting {@code docker run} line as a
 * whole. Runs one container at a time, each labelled {@code limitlab.run=<id>} and removed after it (and on
 * Ctrl-C). A configuration is run once: the command is taken to behave the same every time.
 */
public final class Hardener {
    /**
     * The capabilities the engine grants a container by default (moby's {@code DefaultCapabilities}, the same in
     * 20.10 to 27): the search space, in that order.
     */
    public static final List<String> ENGINE_DEFAULT_CAPABILITIES = List.of("CHOWN", "DAC_OVERRIDE", "FSETID",
            "FOWNER", "MKNOD", "NET_RAW", "SETGID", "SETUID", "SETFCAP", "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT",
            "KILL", "AUDIT_WRITE");
    static final String RUN_KIND_LABEL = "limitlab.harden.run";
    static final int TAIL_LINES = 3;
    /** The run id's prefix of a harden run of its own: {@code harden-<UTC time>-<hex>}. */
    public static final String RUN_ID_PREFIX = "harden-";
    /** Harden runs measure nothing: no limits but the hardening's own pids limit. */
    static final Limits RUN_LIMITS = Limits.NONE;

    private final Containers containers;
    private final Forensics forensics;
    private final EngineIdentity identity;
    private final Inventory inventory;
    private final HardenListener listener;
    private final Clock clock;

    /** On {@code engine}'s containers, their output and diffs, its security features and its inventory (for cleanup). */
    public <E extends Containers & Forensics & EngineIdentity & Inventory> Hardener(E engine, HardenListener listener, Clock clock) {
        this.containers = engine;
        this.forensics = engine;
        this.identity = engine;
        this.inventory = engine;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * Examines the request with real runs in a context of its own (no engine lock); the engine must have the
     * image (it is never pulled).
     */
    public HardenReport harden(HardenRequest request) {
        try (RunContext context = RunContext.unlocked(inventory, containers, RunLocks.system(), RUN_ID_PREFIX, clock)) {
            return harden(request, context);
        }
    }

    /**
     * Examines the request with real runs, each container labelled and named by {@code context}, so that the
     * context's locks cover them: a run's security review, or {@code limitlab harden} with the engine's lock.
     */
    public HardenReport harden(HardenRequest request, RunContext context) {
        try {
            return new Session(request, context).examine();
        } finally {
            context.removeContainers();
        }
    }

    /** One examination: its runs, each configuration run at most once. */
    private final class Session {
        private final HardenRequest request;
        private final RunContext context;
        private final List<HardenRun> runs = new ArrayList<>();
        private final Map<Hardening, HardenRun> byHardening = new HashMap<>();

        Session(HardenRequest request, RunContext context) {
            this.request = request;
            this.context = context;
        }

        HardenReport examine() {
            EngineSecurity engine = identity.security();
            listener.started(request, engine);
            // limitlab's hardened default with everything but --cap-drop ALL relaxed: each is checked on its own later
            Hardening base = Hardening.DEFAULT.withNoNewPrivileges(false).withReadOnlyRootfs(false)
                    .withUser(request.user().orElse(null)).withNetworkMode(request.networkMode());
            HardenRun none = run("no capability", base);
            if (none.succeeded()) {
                return checked(engine, new CapabilityFinding(Verdict.NONE_NEEDED, List.of(), none.number(), null, List.of()), none);
            }
            HardenRun defaults = run("the engine's default set", base.withCapAdd(ENGINE_DEFAULT_CAPABILITIES));
            if (!defaults.succeeded()) {
                CapabilityFinding finding = new CapabilityFinding(Verdict.NOT_CAPABILITIES, List.of(), none.number(),
                        defaults.number(), List.of());
                return new HardenReport(context.runId(), request, engine, runs, finding, diagnose(engine, defaults), Optional.empty());
            }
            List<String> minimal = CapabilityMinimizer.minimise(ENGINE_DEFAULT_CAPABILITIES,
                    (capabilities, purpose) -> run(purpose, base.withCapAdd(capabilities)).succeeded());
            // The minimiser's last pass ran each of these sets: the lookups find those runs.
            List<Needed> needed = minimal.stream()
                    .map(c -> new Needed(c, run("without " + c, base.withCapAdd(without(minimal, c))).number()))
                    .toList();
            CapabilityFinding finding = new CapabilityFinding(Verdict.MINIMAL_SET, minimal, none.number(),
                    defaults.number(), needed);
            return checked(engine, finding, run("minimal set", base.withCapAdd(minimal)));
        }

        /** Each setting on top of the capabilities found ({@code reference} ran with exactly those), then all together. */
        private HardenReport checked(EngineSecurity engine, CapabilityFinding finding, HardenRun reference) {
            Hardening found = reference.hardening();
            FlagCheck noNewPrivileges = noNewPrivileges(found, reference);
            FlagCheck readOnly = readOnly(found, reference);
            FlagCheck nonRoot = nonRoot(found, reference);
            List<FlagCheck> checks = List.of(noNewPrivileges, readOnly, nonRoot,
                    profile(Setting.SECCOMP, engine, reference), profile(Setting.APPARMOR, engine, reference));
            Hardening together = found
                    .withNoNewPrivileges(noNewPrivileges.status() == Status.WORKS)
                    .withReadOnlyRootfs(readOnly.status() == Status.WORKS)
                    .withUser(nonRoot.status() == Status.WORKS ? nonRootUser() : found.user());
            HardenRun verification = run("all settings together", together);
            DockerRunLine line = new DockerRunLine(DockerRunLine.dockerRun(together, request),
                    verification.number(), verification.succeeded());
            return new HardenReport(context.runId(), request, engine, runs, finding, checks, Optional.of(line));
        }

        private FlagCheck noNewPrivileges(Hardening found, HardenRun reference) {
            HardenRun with = run("no-new-privileges", found.withNoNewPrivileges(true));
            if (with.succeeded()) {
                return new FlagCheck(Setting.NO_NEW_PRIVILEGES, Status.WORKS, DockerFlag.NO_NEW_PRIVILEGES.arguments(),
                        "works with it", List.of(reference.number(), with.number()), List.of());
            }
            return new FlagCheck(Setting.NO_NEW_PRIVILEGES, Status.FAILS, List.of(),
                    "fails with it and works without it: the command gains privileges through a setuid or setgid"
                            + " binary or file capabilities; remove that need, or leave no-new-privileges off knowingly",
                    List.of(reference.number(), with.number()), List.of());
        }

        private FlagCheck readOnly(Hardening found, HardenRun reference) {
            HardenRun with = run("read-only root filesystem", found.withReadOnlyRootfs(true));
            List<String> wrote = written(reference.changes());
            String writes = wrote.isEmpty() ? "it wrote nothing to the root filesystem"
                    : "it wrote " + String.join(", ", wrote);
            if (with.succeeded()) {
                return new FlagCheck(Setting.READ_ONLY_ROOTFS, Status.WORKS, DockerFlag.READ_ONLY.arguments(),
                        "works with it" + (wrote.isEmpty() ? "" : " (without it, " + writes + ")"),
                        List.of(with.number()), wrote);
            }
            return new FlagCheck(Setting.READ_ONLY_ROOTFS, Status.FAILS, List.of(),
                    "fails with it; without it (run " + reference.number() + "), " + writes
                            + ": give those paths a volume or a --tmpfs, then add --read-only",
                    List.of(reference.number(), with.number()), wrote);
        }

        /** The user asked for when it is not root, else the one the non-root check tries. */
        private String nonRootUser() {
            return request.runsAsNonRoot() ? request.user().orElseThrow() : request.nonRootUser();
        }

        private FlagCheck nonRoot(Hardening found, HardenRun reference) {
            String user = nonRootUser();
            if (request.runsAsNonRoot()) {
                return new FlagCheck(Setting.NON_ROOT_USER, Status.WORKS, DockerFlag.user(user).arguments(),
                        "every run was already as " + user, List.of(reference.number()), List.of());
            }
            HardenRun as = run("user " + user, found.withUser(user));
            if (as.succeeded()) {
                return new FlagCheck(Setting.NON_ROOT_USER, Status.WORKS, DockerFlag.user(user).arguments(), "works as " + user,
                        List.of(as.number()), List.of());
            }
            String why = found.capAdd().isEmpty() ? ""
                    : "; note that capabilities added with --cap-add are not effective for a non-root user"
                    + " (only through file capabilities)";
            return new FlagCheck(Setting.NON_ROOT_USER, Status.FAILS, List.of(), "fails as " + user + why,
                    List.of(reference.number(), as.number()), List.of());
        }

        /** Seccomp's or AppArmor's default profile: on in every run unless the engine cannot apply it. */
        private FlagCheck profile(Setting setting, EngineSecurity engine, HardenRun reference) {
            Optional<String> skipped = skipReason(setting, engine);
            if (skipped.isPresent()) {
                return new FlagCheck(setting, Status.SKIPPED, List.of(), skipped.get(), List.of(), List.of());
            }
            String profile = setting == Setting.SECCOMP ? "the engine's default seccomp profile (" + engine.seccompProfile().get() + ")"
                    : "AppArmor's docker-default profile";
            return new FlagCheck(setting, Status.WORKS, List.of(),
                    "works: every run had " + profile + " on; nothing to add, never turn it off",
                    List.of(reference.number()), List.of());
        }

        /** When the command fails even with every default capability: is a profile what stops it? */
        private List<FlagCheck> diagnose(EngineSecurity engine, HardenRun defaults) {
            String notChecked = "not checked: the command fails even with the engine's default capabilities (run "
                    + defaults.number() + ")";
            List<FlagCheck> checks = new ArrayList<>();
            for (Setting setting : List.of(Setting.NO_NEW_PRIVILEGES, Setting.READ_ONLY_ROOTFS, Setting.NON_ROOT_USER)) {
                checks.add(new FlagCheck(setting, Status.NOT_CHECKED, List.of(), notChecked, List.of(), List.of()));
            }
            for (Setting setting : List.of(Setting.SECCOMP, Setting.APPARMOR)) {
                Optional<String> skipped = skipReason(setting, engine);
                if (skipped.isPresent()) {
                    checks.add(new FlagCheck(setting, Status.SKIPPED, List.of(), skipped.get(), List.of(), List.of()));
                    continue;
                }
                String unconfined = (setting == Setting.SECCOMP ? "seccomp" : "apparmor") + "=unconfined";
                HardenRun off = run(unconfined + " (diagnosis only)", defaults.hardening().withSecurityOpts(List.of(unconfined)));
                checks.add(off.succeeded()
                        ? new FlagCheck(setting, Status.FAILS, List.of(),
                        "fails under the default profile and works with " + unconfined + ": the profile blocks something"
                                + " the command does; allow that in a custom profile rather than turning the profile off",
                        List.of(defaults.number(), off.number()), List.of())
                        : new FlagCheck(setting, Status.NOT_CHECKED, List.of(),
                        "not the cause: the command fails with " + unconfined + " too", List.of(off.number()), List.of()));
            }
            return checks;
        }

        private Optional<String> skipReason(Setting setting, EngineSecurity engine) {
            if (setting == Setting.APPARMOR) {
                return engine.appArmor() ? Optional.empty() : Optional.of("skipped: AppArmor not enabled");
            }
            Optional<String> profile = engine.seccompProfile();
            if (profile.isEmpty()) {
                return Optional.of("skipped: seccomp is not available on the engine's host (docker info lists no seccomp)");
            }
            if (profile.get().equals("unconfined")) {
                return Optional.of("skipped: the engine's default seccomp profile is unconfined (dockerd --seccomp-profile)");
            }
            return Optional.empty();
        }

        /** The run made with exactly these settings, made now unless it was made before. */
        private HardenRun run(String purpose, Hardening hardening) {
            HardenRun known = byHardening.get(hardening);
            if (known != null) {
                return known;
            }
            int number = runs.size() + 1;
            Map<String, String> labels = new HashMap<>(context.labels());
            labels.put(RUN_KIND_LABEL, purpose);
            String containerId = containers.create(new ContainerSpec(context.containerName("harden-" + number), request.image(),
                    CheckScript.containerCommand(request.command(), request.check()), labels, RUN_LIMITS, null, hardening,
                    Mounts.NONE));
            HardenRun run;
            try {
                run = observe(containerId, number, purpose, hardening);
            } finally {
                containers.remove(containerId);
            }
            runs.add(run);
            byHardening.put(hardening, run);
            listener.runFinished(run);
            return run;
        }

        private HardenRun observe(String containerId, int number, String purpose, Hardening hardening) {
            Instant started = clock.instant();
            Optional<Integer> exitCode;
            try {
                containers.start(containerId);
                exitCode = containers.awaitExit(containerId, request.timeout());
            } catch (ContainerStartException refused) {
                return new HardenRun(number, purpose, hardening, Outcome.NOT_STARTED, null, List.of(refused.getMessage()),
                        List.of(), Duration.between(started, clock.instant()));
            }
            Duration took = Duration.between(started, clock.instant());
            if (exitCode.isEmpty()) {
                containers.kill(containerId);
            }
            CheckScript.Split output = CheckScript.split(forensics.output(containerId));
            Outcome outcome = exitCode.isEmpty() ? Outcome.TIMED_OUT
                    : exitCode.get() == 0 ? Outcome.SUCCEEDED
                    : output.checkRan() ? Outcome.CHECK_FAILED : Outcome.COMMAND_FAILED;
            List<String> tail = switch (outcome) {
                case COMMAND_FAILED -> why(output.command());
                case CHECK_FAILED -> why(output.check());
                default -> last(Stream.concat(output.command().stream(), output.check().stream()).toList());
            };
            return new HardenRun(number, purpose, hardening, outcome, exitCode.orElse(null), tail,
                    forensics.changes(containerId), took);
        }
    }

    /** A failure's reason: its last lines on stderr, or on stdout when it wrote nothing to stderr. */
    static List<String> why(List<LogLine> lines) {
        List<LogLine> stderr = lines.stream().filter(l -> l.stream() == LogLine.Stream.STDERR).toList();
        return last(stderr.stream().anyMatch(l -> !l.text().isBlank()) ? stderr : lines);
    }

    private static List<String> last(List<LogLine> lines) {
        List<String> text = lines.stream().map(LogLine::text).filter(t -> !t.isBlank()).map(String::strip).toList();
        return text.subList(Math.max(0, text.size() - TAIL_LINES), text.size());
    }

    /**
     * The paths written, as few as say it all: an added directory stands for everything below it, and a
     * directory listed as changed only because something below it changed is left out.
     */
    static List<String> written(List<FileChange> changes) {
        List<String> added = changes.stream().filter(c -> c.kind() == FileChange.Kind.ADDED).map(FileChange::path).toList();
        List<String> all = changes.stream().map(FileChange::path).toList();
        return changes.stream()
                .filter(c -> added.stream().noneMatch(a -> isBelow(c.path(), a)))
                .filter(c -> c.kind() != FileChange.Kind.CHANGED || all.stream().noneMatch(p -> isBelow(p, c.path())))
                .map(FileChange::path)
                .sorted()
                .toList();
    }

    private static boolean isBelow(String path, String directory) {
        return path.startsWith(directory.endsWith("/") ? directory : directory + "/");
    }

    private static List<String> without(List<String> set, String member) {
        return set.stream().filter(m -> !m.equals(member)).toList();
    }
}
