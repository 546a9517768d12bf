package dev.limitlab.regression;

import dev.limitlab.regression.MetricCheck.Verdict;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * junit.xml as Surefire writes it, which CI test reporters read: one {@code <testsuite name="<scenario>.<experiment>">}
 * per experiment under {@code <testsuites>}, one {@code <testcase classname="<scenario>.<experiment>"
 * name="<configuration> <metric>">} per check. A regression is a {@code <failure>}, a check the tool could
 * not make an {@code <error>} (type {@code tool-failure}), a figure the busy host kept from being measured an
 * {@code <error>} of type {@code inconclusive}, a metric the baseline lacks {@code <skipped>}; messages carry the numbers.
 */
public final class JUnitXmlWriter {
    // Surefire's timestamp: no zone, which the common JUnit schemas require; the time is UTC.
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private JUnitXmlWriter() {
    }

    public static String render(Comparison comparison) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            String scenario = comparison.run().scenario();
            counts(xml, scenario, comparison.checks(), seconds(comparison.run().startedAt(), comparison.run().endedAt()));
            for (String experiment : comparison.experiments()) {
                List<MetricCheck> checks = comparison.select(check -> check.experiment().equals(experiment));
                String suite = scenario + "." + experiment;
                indent(xml, 1);
                xml.writeStartElement("testsuite");
                counts(xml, suite, checks, experimentSeconds(comparison, experiment));
                xml.writeAttribute("timestamp", TIMESTAMP.format(comparison.run().startedAt()));
                properties(xml, comparison);
                for (MetricCheck check : checks) {
                    testcase(xml, suite, check);
                }
                indent(xml, 1);
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to a string cannot fail", e);
        }
        return text.toString();
    }

    private static void counts(XMLStreamWriter xml, String name, List<MetricCheck> checks, double seconds) throws XMLStreamException {
        xml.writeAttribute("name", name);
        xml.writeAttribute("tests", Integer.toString(checks.size()));
        xml.writeAttribute("failures", Long.toString(checks.stream().filter(check -> check.verdict().isRegression()).count()));
        xml.writeAttribute("errors", Long.toString(checks.stream()
                .filter(check -> check.verdict() == Verdict.ERROR || check.verdict() == Verdict.INCONCLUSIVE).count()));
        xml.writeAttribute("skipped", Long.toString(checks.stream().filter(check -> check.verdict() == Verdict.NEW).count()));
        xml.writeAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
    }

    private static void properties(XMLStreamWriter xml, Comparison comparison) throws XMLStreamException {
        indent(xml, 2);
        xml.writeStartElement("properties");
        property(xml, "limitlab.run", comparison.run().runId());
        property(xml, "limitlab.baseline", comparison.baselineSource());
        property(xml, "limitlab.baseline.run", comparison.baseline().runId());
        indent(xml, 2);
        xml.writeEndElement();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        indent(xml, 3);
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value == null ? "" : value);
    }

    private static void testcase(XMLStreamWriter xml, String classname, MetricCheck check) throws XMLStreamException {
        indent(xml, 2);
        String outcome = switch (check.verdict()) {
            case PASS -> null;
            case FAIL, MISSING -> "failure";
            case ERROR, INCONCLUSIVE -> "error"; // a busy host is not a regression: CI shows it apart from failures
            case NEW -> "skipped";
        };
        if (outcome == null) {
            xml.writeEmptyElement("testcase");
        } else {
            xml.writeStartElement("testcase");
        }
        xml.writeAttribute("name", check.name());
        xml.writeAttribute("classname", classname);
        xml.writeAttribute("time", "0");
        if (outcome == null) {
            return;
        }
        indent(xml, 3);
        xml.writeStartElement(outcome);
        xml.writeAttribute("message", check.message());
        if (!outcome.equals("skipped")) {
            xml.writeAttribute("type", switch (check.verdict()) {
                case ERROR -> "tool-failure";
                case INCONCLUSIVE -> "inconclusive";
                default -> "regression";
            });
        }
        xml.writeCharacters(check.message() + "\n" + check.spreadText());
        xml.writeEndElement();
        indent(xml, 2);
        xml.writeEndElement();
    }

    private static double experimentSeconds(Comparison comparison, String experiment) {
        return comparison.run().trials().stream().filter(trial -> trial.experiment().equals(experiment))
                .mapToDouble(trial -> seconds(trial.startedAt(), trial.endedAt())).sum();
    }

    private static double seconds(Instant from, Instant to) {
        return from == null || to == null ? 0 : Duration.between(from, to).toMillis() / 1000.0;
    }

    private static void indent(XMLStreamWriter xml, int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }
}
