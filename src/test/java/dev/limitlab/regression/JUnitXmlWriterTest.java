package dev.limitlab.regression;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** junit.xml read back with the JDK's DOM parser, as a CI reporter would read it. */
class JUnitXmlWriterTest {
    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                children.add(element);
            }
        }
        return children;
    }

    private static int count(List<Element> testcases, String outcome) {
        return (int) testcases.stream().filter(testcase -> !children(testcase, outcome).isEmpty()).count();
    }

    private static int attribute(Element element, String name) {
        return Integer.parseInt(element.getAttribute(name));
    }

    @Test
    void oneSuitePerExperimentOneCasePerCheckAndCountsThatAddUp() throws Exception {
        Comparison comparison = Comparisons.everyVerdict();
        Element root = parse(JUnitXmlWriter.render(comparison)).getDocumentElement();

        assertEquals("testsuites", root.getTagName());
        List<Element> suites = children(root, "testsuite");
        assertEquals(List.of("nightly.cpu", "nightly.memory", "nightly.crash-loop"), suites.stream().map(s -> s.getAttribute("name")).toList());
        int tests = 0, failures = 0, errors = 0, skipped = 0;
        for (Element suite : suites) {
            List<Element> testcases = children(suite, "testcase");
            assertEquals(testcases.size(), attribute(suite, "tests"));
            assertEquals(count(testcases, "failure"), attribute(suite, "failures"));
            assertEquals(count(testcases, "error"), attribute(suite, "errors"));
            assertEquals(count(testcases, "skipped"), attribute(suite, "skipped"));
            for (Element testcase : testcases) {
                assertEquals(suite.getAttribute("name"), testcase.getAttribute("classname"));
                int outcomes = children(testcase, "failure").size() + children(testcase, "error").size() + children(testcase, "skipped").size();
                assertTrue(outcomes <= 1, "at most one outcome per test case");
            }
            assertEquals(1, children(suite, "properties").size());
            tests += testcases.size();
            failures += count(testcases, "failure");
            errors += count(testcases, "error");
            skipped += count(testcases, "skipped");
        }
        assertEquals(List.of(21, 4, 3, 5), List.of(tests, failures, errors, skipped));
        assertEquals(List.of(tests, failures, errors, skipped),
                List.of(attribute(root, "tests"), attribute(root, "failures"), attribute(root, "errors"), attribute(root, "skipped")));
    }

    @Test
    void aFailureNamesConfigurationAndMetricAndCarriesTheNumbers() throws Exception {
        Element root = parse(JUnitXmlWriter.render(Comparisons.everyVerdict())).getDocumentElement();
        Element cpu = children(root, "testsuite").get(0);
        Element throughput = children(cpu, "testcase").stream().filter(t -> t.getAttribute("name").equals("cpus=1 throughput")).findFirst().orElseThrow();
        Element failure = children(throughput, "failure").get(0);
        assertEquals("regression", failure.getAttribute("type"));
        assertEquals("throughput 5.00e+04 ops/s vs baseline 1.00e+05 ops/s: -50.0%, allowed -10.0% (rule \"-10% or 3cv\")",
                failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("baseline mean 1.00e+05 ops/s, min 1.00e+05 ops/s, max 1.00e+05 ops/s, cv -, n 1"),
                failure.getTextContent());

        Element crash = children(root, "testsuite").get(2);
        Node missing = children(children(crash, "testcase").get(0), "failure").get(0);
        assertEquals("memory-peak was not measured: restart=on-failure:3 is not in this run (baseline 15.0 MiB)",
                ((Element) missing).getAttribute("message"));
        Element memory = children(root, "testsuite").get(1);
        assertEquals("tool-failure", children(children(memory, "testcase").get(0), "error").get(0).getAttribute("type"));
    }

    @Test
    void looksLikeSurefiresOutput() throws Exception {
        String xml = JUnitXmlWriter.render(Comparisons.everyVerdict());
        assertTrue(xml.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"nightly\""), xml);
        assertTrue(xml.contains("\n  <testsuite name=\"nightly.cpu\" tests=\"15\" failures=\"1\" errors=\"0\" skipped=\"5\" time=\"9.000\""
                + " timestamp=\"2026-11-28T17:04:28\">"), xml);
        assertTrue(xml.contains("\n    <testcase name=\"cpus=0.5 throughput\" classname=\"nightly.cpu\" time=\"0\"/>"), xml);
        assertTrue(xml.contains("<property name=\"limitlab.baseline\" value=\"baselines/nightly.json\"/>"), xml);
    }
}
