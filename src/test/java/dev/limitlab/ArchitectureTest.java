package dev.limitlab;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.limitlab.docker.EngineSecurity;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering, as the README's Layout section describes it: dependencies point one way, docker-java stays in
 * {@code docker/}, and the use cases are reached only from the entry points.
 */
@AnalyzeClasses(packages = "dev.limitlab", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    @ArchTest
    static final ArchRule onlyDockerImportsDockerJava = noClasses()
            .that().resideOutsideOfPackage("dev.limitlab.docker..")
            .should().dependOnClassesThat().resideInAPackage("com.github.dockerjava..")
            .because("docker/ is the one place that knows the engine's client library; a Swarm engine implements the same roles");

    @ArchTest
    static final ArchRule packagesFormNoCycle = slices().matching("dev.limitlab.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theAgentStandsAlone = noClasses()
            .that().resideInAPackage("dev.limitlab.agent..")
            .should().dependOnClassesThat(resideInAPackage("dev.limitlab..").and(resideOutsideOfPackage("dev.limitlab.agent..")))
            .because("the agent runs alone inside workload containers");

    @ArchTest
    static final ArchRule theResultsModelIsAtTheBottom = noClasses()
            .that().resideInAnyPackage("dev.limitlab.metrics..", "dev.limitlab.format..", "dev.limitlab.exit..")
            .should().dependOnClassesThat(resideInAPackage("dev.limitlab..")
                    .and(not(resideInAnyPackage("dev.limitlab.metrics..", "dev.limitlab.format..", "dev.limitlab.exit.."))))
            .because("run.json's model is read by every layer and depends on none of them");

    @ArchTest
    static final ArchRule decisionsAndReportsNeverTouchTheEngine = noClasses()
            .that().resideInAnyPackage("dev.limitlab.recommend..", "dev.limitlab.report..", "dev.limitlab.regression..",
                    "dev.limitlab.scenario..", "dev.limitlab.settings..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.limitlab.docker..", "dev.limitlab.engine..",
                    "dev.limitlab.harden..", "dev.limitlab.app..", "dev.limitlab.cli..")
            .because("recommendations, reports and gates are functions of what a run recorded");

    @ArchTest
    static final ArchRule useCasesAreReachedFromTheEntryPointsOnly = noClasses()
            .that().resideOutsideOfPackages("dev.limitlab.cli..", "dev.limitlab.bench..", "dev.limitlab.app..")
            .should().dependOnClassesThat().resideInAPackage("dev.limitlab.app..");

    @ArchTest
    static final ArchRule nothingDependsOnTheCommandLine = noClasses()
            .that().resideOutsideOfPackages("dev.limitlab.cli..", "dev.limitlab.bench..")
            .should().dependOnClassesThat().resideInAPackage("dev.limitlab.cli..")
            .because("cli/ parses and prints; the bench is the only other entry point, and it reuses cli's exit handling");

    @ArchTest
    static final ArchRule theCommandLineLeavesTheEngineToTheUseCases = noClasses()
            .that().resideInAPackage("dev.limitlab.cli..")
            .should().dependOnClassesThat(resideInAPackage("dev.limitlab.docker..").and(not(equivalentTo(EngineSecurity.class))))
            .because("cli/ parses options, calls a use case of app/ and prints its outcome; it opens no engine");

    private ArchitectureTest() {
    }
}
