package dev.limitlab.recommend;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import dev.limitlab.format.Notation;
import dev.limitlab.metrics.Recommendation;
import dev.limitlab.scenario.RestartPolicy;
import dev.limitlab.settings.ContainerSettings;
import dev.limitlab.settings.DockerFlag;
import dev.limitlab.settings.DockerFlags;
import dev.limitlab.settings.ResourceSettings;
import dev.limitlab.settings.SecuritySettings;

import java.util.ArrayList;
import java.util.List;

/**
 * The recommended settings as {@code docker run} flags, a Compose service and a Kubernetes {@code resources} block.
 * The snippets are YAML trees written by Jackson, so a key appears once however many values it holds.
 */
final class DeploymentSnippets {
    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            // "0.75" stays a string where Compose documents one
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .stringQuotingChecker(new QuoteColons())
            .build());

    private DeploymentSnippets() {
    }

    /** The settings the recommendation stands for: its numbers, under the security the trials ran with. */
    /** {@code numbers} with its docker run flags, Compose and Kubernetes snippets, under the settings the trials ran with. */
    static Recommendation withSnippets(Recommendation numbers, SecuritySettings security) {
        return withSnippets(numbers, security, null);
    }

    /**
     * As above; after a run on Swarm ({@code swarmDelayMs} its fixed restart delay), the Compose service also has
     * {@code deploy.restart_policy}, Swarm's spelling of the restart policy, for {@code docker stack deploy}.
     */
    static Recommendation withSnippets(Recommendation numbers, SecuritySettings security, Long swarmDelayMs) {
        ContainerSettings settings = settings(numbers, security);
        List<String> securityOptions = DockerFlags.security(security).stream().map(DockerFlag::toString).toList();
        return numbers.withSnippets(securityOptions, dockerRunFlags(settings),
                compose(settings, numbers.maxRamPercentage(), swarmDelayMs), kubernetes(settings, numbers.cpuRequest()));
    }

    static ContainerSettings settings(Recommendation r, SecuritySettings security) {
        RestartPolicy restart = r.restart() == null ? null : RestartPolicy.parse(r.restart());
        Long memorySwap = r.memoryBytes() == null ? null : r.memorySwapBytes();
        return new ContainerSettings(new ResourceSettings(r.cpus(), r.memoryBytes(), memorySwap, r.pidsLimit(), restart, null),
                security);
    }

    static String dockerRunFlags(ContainerSettings settings) {
        return DockerFlags.line(DockerFlags.of(settings));
    }

    /** A Compose service {@code app}; {@code maxRamPercentage}, if any, goes to the JVM through JAVA_TOOL_OPTIONS. */
    static String compose(ContainerSettings settings, Integer maxRamPercentage) {
        return compose(settings, maxRamPercentage, null);
    }

    /**
     * With {@code swarmDelayMs}, also {@code deploy.restart_policy}: condition, max_attempts, that delay, and window 0s
     * (unbounded: every attempt counts, as with docker's on-failure:N).
     */
    static String compose(ContainerSettings settings, Integer maxRamPercentage, Long swarmDelayMs) {
        ResourceSettings resources = settings.resources();
        SecuritySettings security = settings.security();
        ObjectNode root = YAML.createObjectNode();
        ObjectNode service = root.putObject("services").putObject("app");
        if (resources.restart() != null) {
            service.put("restart", resources.restart().toString());
        }
        ObjectNode limits = YAML.createObjectNode();
        if (resources.cpus() != null) {
            limits.put("cpus", Notation.plain(resources.cpus()));
        }
        if (resources.memoryBytes() != null) {
            limits.put("memory", Notation.exactSize(resources.memoryBytes()));
        }
        if (resources.pidsLimit() != null) {
            limits.put("pids", resources.pidsLimit());
        }
        if (!limits.isEmpty()) {
            service.putObject("deploy").putObject("resources").set("limits", limits);
        }
        if (swarmDelayMs != null && resources.restart() != null) {
            ObjectNode deploy = service.has("deploy") ? (ObjectNode) service.get("deploy") : service.putObject("deploy");
            ObjectNode policy = deploy.putObject("restart_policy");
            policy.put("condition", resources.restart().name().equals("on-failure") ? "on-failure" : "any");
            if (resources.restart().maximumRetryCount() > 0) {
                policy.put("max_attempts", resources.restart().maximumRetryCount());
            }
            policy.put("delay", swarmDelayMs + "ms");
            policy.put("window", "0s");
        }
        if (resources.memorySwapBytes() != null) {
            service.put("memswap_limit", Notation.exactSize(resources.memorySwapBytes()));
        }
        if (resources.cpusetCpus() != null) {
            service.put("cpuset", resources.cpusetCpus());
        }
        if (security.capDropAll()) {
            putList(service, "cap_drop", List.of("ALL"));
        }
        putList(service, "cap_add", security.capAdd());
        putList(service, "security_opt", security.engineSecurityOpts().stream().map(DeploymentSnippets::composeSecurityOpt).toList());
        if (security.readOnlyRootfs()) {
            service.put("read_only", true);
        }
        if (security.user() != null) {
            service.put("user", security.user());
        }
        if (!security.defaultNetwork()) {
            service.put("network_mode", security.networkMode());
        }
        if (maxRamPercentage != null) {
            service.putObject("environment").put("JAVA_TOOL_OPTIONS", "-XX:MaxRAMPercentage=" + maxRamPercentage);
        }
        return write(root);
    }

    /**
     * A container's {@code resources}. What Kubernetes has no field for (pids, the restart count) follows as
     * comment lines after the tree, which cannot hold comments.
     */
    static String kubernetes(ContainerSettings settings, Double cpuRequest) {
        ResourceSettings resources = settings.resources();
        ObjectNode root = YAML.createObjectNode();
        ObjectNode block = root.putObject("resources");
        ObjectNode requests = YAML.createObjectNode();
        ObjectNode limits = YAML.createObjectNode();
        if (cpuRequest != null) {
            requests.put("cpu", millicores(cpuRequest));
        }
        if (resources.cpus() != null) {
            limits.put("cpu", millicores(resources.cpus()));
        }
        if (resources.memoryBytes() != null) {
            requests.put("memory", quantity(resources.memoryBytes()));
            limits.put("memory", quantity(resources.memoryBytes()));
        }
        if (!requests.isEmpty()) {
            block.set("requests", requests);
        }
        if (!limits.isEmpty()) {
            block.set("limits", limits);
        }
        List<String> comments = new ArrayList<>();
        if (resources.pidsLimit() != null) {
            comments.add("# pids: no per-container field; the kubelet's podPidsLimit (" + resources.pidsLimit()
                    + " or more) bounds the pod");
        }
        if (resources.restart() != null) {
            comments.add("# restart: Kubernetes restarts with its own backoff and no retry count (" + resources.restart()
                    + " under docker)");
        }
        return write(root) + comments.stream().map(line -> line + "\n").reduce("", String::concat);
    }

    /** One key with all its values, or no key when there are none. */
    private static void putList(ObjectNode node, String key, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode list = node.putArray(key);
            values.forEach(list::add);
        }
    }

    // Compose spells the switch with a value; other options pass to the engine as docker run takes them.
    private static String composeSecurityOpt(String opt) {
        return opt.equals(SecuritySettings.NO_NEW_PRIVILEGES) ? opt + ":true" : opt;
    }

    private static String write(ObjectNode root) {
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a YAML tree of strings and numbers", e);
        }
    }

    private static String millicores(double cpus) {
        return Math.round(cpus * 1000) + "m";
    }

    private static String quantity(long bytes) {
        if (bytes % (1L << 30) == 0) {
            return bytes / (1L << 30) + "Gi";
        }
        return bytes % Notation.MIB == 0 ? bytes / Notation.MIB + "Mi" : Long.toString(bytes);
    }

    /**
     * Quotes every value with a colon as well: a YAML 1.1 parser (PyYAML, docker-compose v1) reads {@code 1000:50}
     * as a base-60 number, and a quoted {@code "on-failure:2"} or {@code "65534:65534"} reads the same everywhere.
     */
    private static final class QuoteColons extends StringQuotingChecker.Default {
        @Override
        public boolean needToQuoteValue(String value) {
            return value.indexOf(':') >= 0 || super.needToQuoteValue(value);
        }
    }
}
