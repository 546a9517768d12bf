package dev.limitlab.cli;

import dev.limitlab.app.RunScenario;
import dev.limitlab.engine.Trial;
import dev.limitlab.metrics.StatsSample;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.report.TrialTable;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Live progress of {@code run} and {@code check}: messages, the table's header, then one row per finished trial,
 * with a bar over the trials and the current trial's figures on a terminal.
 */
final class LiveTable implements RunScenario.Listener, AutoCloseable {
    private final PrintWriter out;
    private final ProgressDisplay display;
    private StatsSample previous;

    LiveTable(PrintWriter out) {
        this.out = out;
        this.display = new ProgressDisplay(out);
    }

    @Override
    public void progress(String line) {
        out.println(line);
        out.flush();
    }

    @Override
    public void runStarted(String runId, List<Trial> trials) {
        out.printf("run %s: %d trial(s)%n%n", runId, trials.size());
        out.println(TrialTable.header());
        out.flush();
        display.runStarted(trials.size());
    }

    @Override
    public synchronized void trialStarted(Trial trial) {
        previous = null;
        display.trialStarted("#" + trial.index() + " " + trial.experiment().name(), trial.experiment().duration());
    }

    @Override
    public synchronized void sampled(Trial trial, StatsSample sample) {
        StringBuilder figures = new StringBuilder();
        if (previous != null && sample.read().isAfter(previous.read()) && sample.cpuTotalNs() >= previous.cpuTotalNs()) {
            double cores = (sample.cpuTotalNs() - previous.cpuTotalNs())
                    / (double) Duration.between(previous.read(), sample.read()).toNanos();
            figures.append(String.format(Locale.ROOT, "cpu %.2f  ", cores));
        }
        figures.append(String.format(Locale.ROOT, "mem %.1f MiB", sample.memoryUsageBytes() / 1048576.0));
        if (sample.pids() != null) {
            figures.append("  pids ").append(sample.pids());
        }
        previous = sample;
        display.update(figures.toString());
    }

    @Override
    public void confirmationStarted(List<Trial> confirmations) {
        out.println("confirmation: each workload once more under the recommended limits");
        out.flush();
    }

    @Override
    public void trialFinished(TrialResult result) {
        display.trialFinished(TrialTable.row(result));
    }

    @Override
    public void close() {
        display.close();
    }
}
