package dev.limitlab.report;

import dev.limitlab.format.Notation;
import dev.limitlab.metrics.ConfigurationSummary;
import dev.limitlab.metrics.ContainerEvent;
import dev.limitlab.metrics.LoadMetrics;
import dev.limitlab.metrics.Metric;
import dev.limitlab.metrics.RecommendTargets;
import dev.limitlab.metrics.Recommendation;
import dev.limitlab.metrics.StatsSample;
import dev.limitlab.metrics.TrialMetrics;
import dev.limitlab.metrics.TrialResult;
import dev.limitlab.recommend.Throughput;
import dev.limitlab.regression.History;
import dev.limitlab.regression.MetricCheck;
import dev.limitlab.metrics.IsolationRun;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Polygon;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The charts of report.html, drawn headless by JFreeChart as PNG: throughput and throttled periods against
 * --cpus; a service's latency and rates against --cpus, and its latency second by second per trial; memory over time per memory trial with its limit and OOM kills; restart delays against the
 * engine's expected backoff; each checked metric across the runs of history.csv. Drawing depends only on the run, so the same run gives the same bytes.
 */
final class ReportCharts {
    static { // before anything here touches AWT: there is no display, and none is needed
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final int WIDTH = 760;
    static final int HEIGHT = 340;
    private static final Instant NO_READING = Instant.parse("1970-01-02T00:00:00Z"); // stopped containers send year 1
    private static final Color LIMIT = new Color(0xC0, 0x30, 0x30);
    private static final Color TARGET = new Color(0x60, 0x60, 0x60);
    private static final Color WARMUP = new Color(0xEE, 0xEE, 0xEE);
    private static final String SERVICE = "service";
    private static final String VERDICT_PASS = MetricCheck.Verdict.PASS.label();
    private static final String VERDICT_FAIL = MetricCheck.Verdict.FAIL.label();
    private static final BasicStroke MARKER = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[]{6f, 4f}, 0f);
    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[]{6f, 4f}, 0f);
    private static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    /** One chart: a title for the figure, words for those who cannot see it, and the PNG. */
    record Chart(String title, String description, byte[] png) {
    }

    private ReportCharts() {
    }

    /** The charts of a run; the CPU charts mark the targets its recorded recommendation was made with, if any. */
    static List<Chart> render(RunDirectory d) {
        List<Chart> charts = new ArrayList<>();
        RecommendTargets targets = d.recommendation().map(Recommendation::targets).orElse(null);
        charts.addAll(cpu(d, targets));
        charts.addAll(service(d, targets));
        charts.addAll(latencyOverTime(d, targets));
        charts.addAll(searches(d));
        charts.addAll(memory(d));
        charts.addAll(restarts(d));
        charts.addAll(isolation(d));
        return charts;
    }

    // targets null (no recommendation recorded): no target lines are drawn
    private static List<Chart> cpu(RunDirectory d, RecommendTargets targets) {
        List<Chart> charts = new ArrayList<>();
        experiments(d, workload -> "cpu".equals(workload) || "jmh".equals(workload)).forEach((experiment, configurations) -> {
            boolean lowerIsBetter = Throughput.lowerIsBetter(d.run().trials(), experiment);
            double best = configurations.stream().map(c -> Throughput.ofConfiguration(c, lowerIsBetter)).filter(Objects::nonNull)
                    .mapToDouble(Double::doubleValue).max().orElse(0);
            XYSeries throughput = againstCpus("throughput, % of best tested", configurations, c -> {
                Double value = Throughput.ofConfiguration(c, lowerIsBetter);
                return value == null || best <= 0 ? null : 100 * value / best;
            });
            XYSeries throttled = againstCpus("throttled periods, %", configurations,
                    c -> c.mean(Metric.THROTTLED) == null ? null : 100 * c.mean(Metric.THROTTLED));
            JFreeChart chart = lines(experiment + ": throughput and throttling against --cpus", "--cpus", "%",
                    throughput, throttled);
            XYPlot plot = chart.getXYPlot();
            if (targets != null) {
                plot.addRangeMarker(marker(100 * targets.throughputTarget(), "throughput target", TARGET));
                plot.addRangeMarker(marker(100 * targets.throttledTarget(), "throttled target", TARGET));
            }
            charts.add(new Chart(chart.getTitle().getText(), "Throughput as a share of the best tested configuration and the"
                    + " share of throttled CFS periods, for --cpus " + cpusTested(configurations) + ".", png(chart)));
        });
        return charts;
    }

    /**
     * Per service experiment: latency against --cpus (p50, p99 and any percentile the objective names, on a log
     * scale, since a starved service is orders of magnitude slower), with the objective's lines; and the offered
     * rate, the achieved rate and the successful responses per second against --cpus.
     */
    private static List<Chart> service(RunDirectory d, RecommendTargets targets) {
        Map<LoadMetrics.Percentile, Double> objective = targets == null ? Map.of() : targets.latencyMs();
        List<Chart> charts = new ArrayList<>();
        experiments(d, SERVICE::equals).forEach((experiment, configurations) -> {
            List<XYSeries> latencies = chartedPercentiles(objective).stream()
                    .map(p -> againstCpus(Metric.latency(p).title(), configurations, c -> c.mean(Metric.latency(p))))
                    .toList();
            JFreeChart latency = lines(experiment + ": latency against --cpus", "--cpus", axisLabel(Metric.Unit.MILLISECONDS),
                    latencies.toArray(XYSeries[]::new));
            objectiveLines(latency.getXYPlot(), objective);
            logRange(latency.getXYPlot(), latencies, objective);
            charts.add(new Chart(latency.getTitle().getText(), "Latency percentiles under load (means across repeats, ms,"
                    + " log scale) for --cpus " + cpusTested(configurations) + objectiveText(objective) + ".", png(latency)));

            List<Metric> rates = List.of(Metric.OFFERED_RATE, Metric.ACHIEVED_RATE, Metric.THROUGHPUT);
            JFreeChart rate = lines(experiment + ": throughput against --cpus", "--cpus", "per second",
                    rates.stream().map(m -> againstCpus(m.title(), configurations, c -> c.mean(m))).toArray(XYSeries[]::new));
            XYPlot ratePlot = rate.getXYPlot();
            ratePlot.getRangeAxis().setLowerBound(0);
            // without errors, successful responses are all responses: dashed and drawn last, both lines stay visible
            ratePlot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
            ratePlot.getRenderer().setSeriesStroke(rates.indexOf(Metric.THROUGHPUT), DASHED);
            charts.add(new Chart(rate.getTitle().getText(), "Requests per second the load offered, responses of any status"
                    + " per second, and successful responses per second (ops/s), for --cpus " + cpusTested(configurations) + ".",
                    png(rate)));
        });
        return charts;
    }

    /** Per limit search, its path: the value tried at each step, passes and fails marked. */
    private static List<Chart> searches(RunDirectory d) {
        Map<String, List<TrialResult>> paths = d.run().trials().stream().filter(t -> t.search() != null)
                .collect(Collectors.groupingBy(t -> t.experiment() + ": " + t.search().resource(), LinkedHashMap::new, Collectors.toList()));
        List<Chart> charts = new ArrayList<>();
        paths.forEach((name, steps) -> {
            boolean memory = "memory".equals(steps.get(0).search().resource());
            String axis = memory ? "--memory, MiB" : "--cpus";
            XYSeries path = new XYSeries("value tried", false, true);
            XYSeries passes = new XYSeries("passes", false, true);
            XYSeries fails = new XYSeries("fails", false, true);
            for (TrialResult trial : steps) {
                double value = memory ? trial.search().value() / Notation.MIB : trial.search().value();
                path.add(trial.search().step(), value);
                (trial.search().passed() ? passes : fails).add(trial.search().step(), value);
            }
            JFreeChart chart = lines(name + " search path", "step", axis, path, passes, fails);
            XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) chart.getXYPlot().getRenderer();
            renderer.setSeriesPaint(0, Color.GRAY);
            renderer.setSeriesShapesVisible(0, false);
            for (int marks = 1; marks <= 2; marks++) {
                renderer.setSeriesLinesVisible(marks, false);
            }
            renderer.setSeriesPaint(1, new Color(0x20, 0x90, 0x40));
            renderer.setSeriesPaint(2, LIMIT);
            NumberAxis domain = (NumberAxis) chart.getXYPlot().getDomainAxis();
            domain.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
            TrialResult last = steps.get(steps.size() - 1);
            charts.add(new Chart(chart.getTitle().getText(), "The " + axis + " value tried at each of " + steps.size()
                    + " step(s), green where it passed and red where it failed; last bracket "
                    + ReportContent.searched(last.search().resource(), last.search().bracket().fails()) + " to "
                    + ReportContent.searched(last.search().resource(), last.search().bracket().passes()) + ".", png(chart)));
        });
        return charts;
    }

    /**
     * Per service trial: p50 and p99 of each second as the load driver printed them, the warm-up shaded (its seconds are
     * left out of run.json's figures), with the objective's lines.
     */
    private static List<Chart> latencyOverTime(RunDirectory d, RecommendTargets targets) {
        Map<LoadMetrics.Percentile, Double> objective = targets == null ? Map.of() : targets.latencyMs();
        List<Chart> charts = new ArrayList<>();
        for (TrialResult trial : d.run().trials()) {
            List<DriverSecond> seconds = DriverSecond.of(d.workloadOf(trial.trial()));
            if (!SERVICE.equals(trial.workload()) || seconds.isEmpty()) {
                continue;
            }
            List<XYSeries> latencies = new ArrayList<>();
            for (LoadMetrics.Percentile p : List.of(LoadMetrics.Percentile.P50, LoadMetrics.Percentile.P99)) {
                XYSeries series = new XYSeries(Metric.latency(p).title(), false, true);
                for (DriverSecond second : seconds) {
                    Double ms = second.latencyMs() == null ? null : second.latencyMs().at(p);
                    series.add(second.elapsedSeconds(), ms); // null: a gap, a second with no response
                }
                latencies.add(series);
            }
            String name = "trial " + trial.trial() + ", " + trial.experiment() + " " + trial.limits().label();
            JFreeChart chart = lines(name + ": latency over time", "seconds since the load driver started",
                    axisLabel(Metric.Unit.MILLISECONDS), latencies.toArray(XYSeries[]::new));
            XYPlot plot = chart.getXYPlot();
            double warmupEnd = seconds.stream().filter(DriverSecond::warmup).mapToDouble(DriverSecond::elapsedSeconds).max().orElse(0);
            if (warmupEnd > 0) {
                IntervalMarker warmup = new IntervalMarker(0, warmupEnd, WARMUP);
                warmup.setLabel("warm-up");
                warmup.setLabelFont(LABEL_FONT);
                warmup.setLabelAnchor(RectangleAnchor.TOP_LEFT);
                warmup.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                plot.addDomainMarker(warmup, Layer.BACKGROUND);
            }
            plot.getDomainAxis().setRange(0, Math.max(seconds.get(seconds.size() - 1).elapsedSeconds(), 1) * 1.02);
            objectiveLines(plot, objective);
            logRange(plot, latencies, objective);
            boolean behind = trial.metrics() != null && trial.metrics().load() != null
                    && Boolean.TRUE.equals(trial.metrics().load().driverBehind());
            charts.add(new Chart(chart.getTitle().getText(), "p50 and p99 latency of each second of " + name + " (ms, log scale)"
                    + ", the warm-up shaded" + objectiveText(objective) + (behind ? "; the load driver fell behind its schedule,"
                    + " so part of the latency is its own" : "") + ".", png(chart)));
        }
        return charts;
    }

    // p50 and p99, and the percentiles the objective names, so each objective line has its curve
    private static List<LoadMetrics.Percentile> chartedPercentiles(Map<LoadMetrics.Percentile, Double> objective) {
        return Arrays.stream(LoadMetrics.Percentile.values())
                .filter(p -> p == LoadMetrics.Percentile.P50 || p == LoadMetrics.Percentile.P99 || objective.containsKey(p))
                .toList();
    }

    private static void objectiveLines(XYPlot plot, Map<LoadMetrics.Percentile, Double> objective) {
        for (LoadMetrics.Percentile p : LoadMetrics.Percentile.values()) { // the enum's order: the map's is not stable
            if (objective.containsKey(p)) {
                plot.addRangeMarker(marker(objective.get(p), "objective " + Metric.latency(p).title() + " <= "
                        + Metric.latency(p).format(objective.get(p)), TARGET));
            }
        }
    }

    private static String objectiveText(Map<LoadMetrics.Percentile, Double> objective) {
        if (objective.isEmpty()) {
            return "";
        }
        return ", with the objective " + Arrays.stream(LoadMetrics.Percentile.values()).filter(objective::containsKey)
                .map(p -> Metric.latency(p).title() + " <= " + Metric.latency(p).format(objective.get(p)))
                .collect(Collectors.joining(", "));
    }

    /** A log scale for latency that holds every value and every objective line (markers do not widen an axis). */
    private static void logRange(XYPlot plot, List<XYSeries> series, Map<LoadMetrics.Percentile, Double> objective) {
        DoubleSummaryStatistics range = new DoubleSummaryStatistics();
        for (XYSeries s : series) {
            for (int i = 0; i < s.getItemCount(); i++) {
                Number y = s.getY(i);
                if (y != null && y.doubleValue() > 0) {
                    range.accept(y.doubleValue());
                }
            }
        }
        objective.values().forEach(range::accept);
        LogAxis axis = new LogAxis(plot.getRangeAxis().getLabel());
        axis.setLabelFont(plot.getRangeAxis().getLabelFont());
        axis.setBase(10);
        axis.setNumberFormatOverride(rootFormat());
        axis.setSmallestValue(1e-3);
        axis.setAutoTickUnitSelection(false);
        axis.setTickUnit(new NumberTickUnit(1)); // a tick at each power of ten: 10, 100, 1,000 ms
        axis.setMinorTickCount(9);
        if (range.getCount() > 0) {
            axis.setRange(range.getMin() / 1.5, range.getMax() * 1.5);
        }
        plot.setRangeAxis(axis);
    }

    /** The configurations of each experiment of the given workload kinds that ran with --cpus, by experiment in run order. */
    private static Map<String, List<ConfigurationSummary>> experiments(RunDirectory d, Predicate<String> workload) {
        return d.run().configurationsOrSummarised().stream()
                .filter(c -> workload.test(c.workload()) && c.limits().cpus() != null)
                .collect(Collectors.groupingBy(ConfigurationSummary::experiment, LinkedHashMap::new, Collectors.toList()));
    }

    /** One value per configuration against its --cpus; a null value is left out. */
    private static XYSeries againstCpus(String name, List<ConfigurationSummary> configurations,
                                        Function<ConfigurationSummary, Double> value) {
        XYSeries series = new XYSeries(name, true, true);
        for (ConfigurationSummary c : configurations) {
            Double y = value.apply(c);
            if (y != null) {
                series.addOrUpdate(c.limits().cpus().doubleValue(), y.doubleValue());
            }
        }
        return series;
    }

    private static String cpusTested(List<ConfigurationSummary> configurations) {
        return configurations.stream().map(c -> Notation.plain(c.limits().cpus())).collect(Collectors.joining(", "));
    }

    /**
     * Per isolation experiment: the victim's throughput over time, one line per aggressor configuration, the aggressor's
     * span marked; for a service victim also its p99 latency over time.
     */
    private static List<Chart> isolation(RunDirectory d) {
        List<Chart> charts = new ArrayList<>();
        for (IsolationRun run : d.run().isolation()) {
            String unit = run.configurations().stream().map(IsolationRun.IsolationConfiguration::timelineUnit)
                    .filter(Objects::nonNull).findFirst().orElse("ops/s");
            isolationChart(run, "throughput", "victim " + unit, IsolationRun.IsolationConfiguration::timeline).ifPresent(charts::add);
            isolationChart(run, "p99 latency", "victim p99 latency (ms)", IsolationRun.IsolationConfiguration::latencyTimeline)
                    .ifPresent(charts::add);
        }
        return charts;
    }

    /** One line per configuration of {@code figure} over time, the aggressor's run shaded; empty when none has points. */
    private static Optional<Chart> isolationChart(IsolationRun run, String figure, String axis,
            Function<IsolationRun.IsolationConfiguration, List<IsolationRun.TimelinePoint>> points) {
        List<XYSeries> series = new ArrayList<>();
        double start = Double.MAX_VALUE;
        double end = 0;
        for (IsolationRun.IsolationConfiguration c : run.configurations()) {
            if (points.apply(c).isEmpty() || c.aggressorStartSeconds() == null) {
                continue;
            }
            XYSeries line = new XYSeries("aggressor " + c.label(), false, true);
            points.apply(c).forEach(point -> line.add(point.seconds(), point.value()));
            series.add(line);
            start = Math.min(start, c.aggressorStartSeconds());
            end = Math.max(end, c.aggressorEndSeconds());
        }
        if (series.isEmpty()) {
            return Optional.empty();
        }
        JFreeChart chart = lines(run.experiment() + ": the victim's " + figure + " beside a " + run.aggressor(),
                "seconds since the victim started", axis, series.toArray(XYSeries[]::new));
        IntervalMarker aggressor = new IntervalMarker(start, end, new Color(255, 200, 200, 90));
        aggressor.setLabel("aggressor running");
        aggressor.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        aggressor.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        chart.getXYPlot().addDomainMarker(aggressor, Layer.BACKGROUND);
        return Optional.of(new Chart(chart.getTitle().getText(), "The victim's " + figure + " over time beside a "
                + run.aggressor() + " aggressor, one line per aggressor configuration (" + series.size() + "), the aggressor's run from "
                + String.format(Locale.ROOT, "%.1f to %.1f s", start, end) + " shaded.", png(chart)));
    }

    private static List<Chart> memory(RunDirectory d) {
        List<Chart> charts = new ArrayList<>();
        for (TrialResult trial : d.run().trials()) {
            if (!"memory".equals(trial.workload())) {
                continue;
            }
            List<StatsSample> samples = d.samplesOf(trial.trial()).stream().filter(s -> s.read().isAfter(NO_READING))
                    .sorted(Comparator.comparing(StatsSample::read)).toList();
            if (samples.isEmpty()) {
                continue;
            }
            Instant zero = trial.startedAt() != null ? trial.startedAt() : samples.get(0).read();
            XYSeries usage = new XYSeries("usage, MiB", false, true);
            XYSeries workingSet = new XYSeries("working set, MiB", false, true);
            for (StatsSample s : samples) {
                usage.add(seconds(zero, s.read()), s.memoryUsageBytes() / (double) Notation.MIB);
                workingSet.add(seconds(zero, s.read()), s.workingSetBytes() / (double) Notation.MIB);
            }
            String name = "trial " + trial.trial() + ", " + trial.experiment() + " " + trial.limits().label();
            JFreeChart chart = lines(name + ": memory over time", "seconds since the trial started", "MiB", usage, workingSet);
            XYPlot plot = chart.getXYPlot();
            double top = Math.max(usage.getMaxY(), workingSet.getMaxY());
            if (trial.limits().memory() != null) {
                top = Math.max(top, trial.limits().memory() / (double) Notation.MIB);
                plot.addRangeMarker(marker(trial.limits().memory() / (double) Notation.MIB,
                        "limit " + Notation.exactSize(trial.limits().memory()), LIMIT));
            }
            List<ContainerEvent> kills = kills(d.eventsOf(trial.trial()));
            double end = usage.getMaxX();
            for (ContainerEvent kill : kills) {
                end = Math.max(end, seconds(zero, kill.time()));
                ValueMarker mark = marker(seconds(zero, kill.time()), kill.is("oom") ? "OOM" : "killed (137)", LIMIT);
                mark.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                mark.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                plot.addDomainMarker(mark);
            }
            // markers do not widen an axis by themselves: the limit and the kills must be in view
            plot.getRangeAxis().setRange(0, top * 1.1);
            plot.getDomainAxis().setRange(0, Math.max(end * 1.05, 1));
            charts.add(new Chart(chart.getTitle().getText(), "Memory usage and working set of " + name + ", with "
                    + (trial.limits().memory() == null ? "no limit" : "its limit") + " and " + kills.size()
                    + " OOM mark(s).", png(chart)));
        }
        return charts;
    }

    // oom events when the engine sent them; otherwise deaths by SIGKILL, the other sign of the OOM killer.
    private static List<ContainerEvent> kills(List<ContainerEvent> events) {
        List<ContainerEvent> oom = events.stream().filter(e -> e.is("oom")).toList();
        return oom.isEmpty() ? events.stream().filter(e -> e.is("die") && Objects.equals(e.exitCode(), 137)).toList() : oom;
    }

    private static List<Chart> restarts(RunDirectory d) {
        List<Chart> charts = new ArrayList<>();
        for (TrialResult trial : d.run().trials()) {
            if (trial.metrics() == null) {
                continue;
            }
            XYSeries observed = new XYSeries("observed delay, s", false, true);
            XYSeries expected = new XYSeries("expected backoff, s", false, true);
            for (TrialMetrics.RunSpan span : trial.metrics().restartTimeline()) {
                if (span.delaySeconds() != null && span.expectedBackoffSeconds() != null) {
                    observed.add(span.run() - 1, span.delaySeconds());
                    expected.add(span.run() - 1, span.expectedBackoffSeconds());
                }
            }
            if (observed.isEmpty()) {
                continue;
            }
            String name = "trial " + trial.trial() + ", " + trial.experiment() + " " + trial.limits().label();
            JFreeChart chart = lines(name + ": restart delays", "restart", "seconds", observed, expected);
            chart.getXYPlot().getDomainAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
            charts.add(new Chart(chart.getTitle().getText(), "Time from each death to the next start in " + name
                    + ", against the engine's backoff (100 ms doubling, capped at 60 s).", png(chart)));
        }
        return charts;
    }

    /**
     * One chart per series of history.csv, the first {@code limit} of them: its value against the run's position
     * in the history (1 = oldest; a position, not a time, so no time zone reaches the picture), checks that
     * failed as red diamonds, runs with no value (the metric missing, or an error) as red marks on the axis.
     */
    static List<Chart> trend(Map<String, List<History.Point>> history, int limit) {
        List<Chart> charts = new ArrayList<>();
        for (Map.Entry<String, List<History.Point>> entry : history.entrySet()) {
            if (charts.size() == limit) {
                break;
            }
            String key = entry.getKey();
            List<History.Point> points = entry.getValue();
            Metric.Unit unit = Metric.byRegressionKey(ReportContent.historyMetric(key)).map(Metric::unit).orElse(null);
            String axis = unit == null ? "value" : axisLabel(unit);
            XYSeries values = new XYSeries(axis, false, true);
            XYSeries failed = new XYSeries("failed check", false, true);
            List<Integer> unmeasured = new ArrayList<>();
            for (int i = 0; i < points.size(); i++) {
                History.Point point = points.get(i);
                int run = i + 1;
                if (point.value() == null) {
                    values.add(run, null); // a gap in the line
                    if (!VERDICT_PASS.equals(point.verdict())) {
                        unmeasured.add(run);
                    }
                    continue;
                }
                double y = unit == null ? point.value() : trendScale(unit, point.value());
                values.add(run, y);
                if (VERDICT_FAIL.equals(point.verdict())) {
                    failed.add(run, y);
                }
            }
            JFreeChart chart = lines(key, "run in history.csv (1 = oldest)", axis, values, failed);
            XYPlot plot = chart.getXYPlot();
            XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) plot.getRenderer();
            renderer.setSeriesLinesVisible(1, false);
            renderer.setSeriesShape(1, new Polygon(new int[]{0, 6, 0, -6}, new int[]{-6, 0, 6, 0}, 4));
            renderer.setSeriesPaint(1, LIMIT);
            renderer.setSeriesPaint(0, new Color(0x30, 0x60, 0xC0));
            for (int run : unmeasured) {
                ValueMarker mark = marker(run, points.get(run - 1).verdict(), LIMIT);
                mark.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
                mark.setLabelTextAnchor(TextAnchor.TOP_LEFT);
                plot.addDomainMarker(mark);
            }
            NumberAxis domain = (NumberAxis) plot.getDomainAxis();
            domain.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
            domain.setRange(0.5, points.size() + 0.5);
            long failures = points.stream().filter(p -> VERDICT_FAIL.equals(p.verdict())).count();
            History.Point latest = points.get(points.size() - 1);
            charts.add(new Chart(key + ": trend across runs", key + " over " + points.size() + " run(s) of history.csv, from "
                    + points.get(0).time() + " to " + latest.time() + "; latest " + ReportContent.historyValue(key, latest.value())
                    + " (" + latest.verdict() + "); " + failures + " failed check(s) marked red.", png(chart)));
        }
        return charts;
    }

    private static String axisLabel(Metric.Unit unit) {
        return switch (unit) {
            case OPS_PER_SECOND -> "ops/s";
            case RATIO -> "%";
            case BYTES -> "MiB";
            case COUNT -> "count";
            case CORES -> "cores";
            case SCORE -> "score";
            case SECONDS_PER_SECOND -> "s/s";
            case MILLISECONDS -> "ms";
        };
    }

    private static double trendScale(Metric.Unit unit, double value) {
        return switch (unit) {
            case RATIO -> 100 * value;
            case BYTES -> value / Notation.MIB;
            default -> value;
        };
    }

    private static JFreeChart lines(String title, String xLabel, String yLabel, XYSeries... series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries s : series) {
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, xLabel, yLabel, data, PlotOrientation.VERTICAL,
                true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        // Tick labels would follow the default Locale ("0,5" in German): the same run must give the same bytes.
        for (NumberAxis axis : List.of((NumberAxis) plot.getDomainAxis(), (NumberAxis) plot.getRangeAxis())) {
            axis.setNumberFormatOverride(rootFormat());
        }
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.length; i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        return chart;
    }

    private static DecimalFormat rootFormat() {
        return new DecimalFormat("#,##0.###", DecimalFormatSymbols.getInstance(Locale.ROOT));
    }

    private static ValueMarker marker(double value, String label, Color color) {
        ValueMarker marker = new ValueMarker(value, color, MARKER);
        marker.setLabel(label);
        marker.setLabelPaint(color);
        marker.setLabelFont(LABEL_FONT);
        marker.setLabelBackgroundColor(Color.WHITE);
        marker.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        marker.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        return marker;
    }

    private static double seconds(Instant zero, Instant at) {
        return Duration.between(zero, at).toMillis() / 1000.0;
    }

    private static byte[] png(JFreeChart chart) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot draw " + chart.getTitle().getText(), e);
        }
    }
}
