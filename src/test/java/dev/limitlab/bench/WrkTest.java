package dev.limitlab.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WrkTest {
    private static final double EPS = 1e-9;

    /** wrk 4.1.0's report with --latency, as Debian's prints it. */
    private static final String REPORT = """
            Running 4s test @ http://127.0.0.1:8080/
              1 threads and 16 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency   620.14us  210.03us   8.21ms   91.20%
                Req/Sec    25.71k     1.02k   27.10k    72.50%
              Latency Distribution
                 50%  583.00us
                 75%  661.00us
                 90%  760.00us
                 99%    1.42ms
              102374 requests in 4.00s, 33.98MB read
              Socket errors: connect 0, read 2, write 0, timeout 1
              Non-2xx or 3xx responses: 4
            Requests/sec:  25590.54
            Transfer/sec:      8.49MB
            """;

    @Test
    void readsTheRateTheMedianLatencyAndEveryKindOfError() {
        Wrk.Result result = Wrk.parse(REPORT);

        assertEquals(25590.54, result.requestsPerSec(), EPS);
        assertEquals(102374, result.requests());
        assertEquals(0.583, result.p50Ms(), EPS);
        assertEquals(7, result.errors(), "2 read + 1 timeout + 4 non-2xx");
    }

    @Test
    void aMedianInMillisecondsOrSecondsIsConverted() {
        assertEquals(1.42, Wrk.parse(REPORT.replace("583.00us", "1.42ms")).p50Ms(), EPS);
        assertEquals(1200.0, Wrk.parse(REPORT.replace("583.00us", "1.20s")).p50Ms(), EPS);
    }

    @Test
    void aReportWithoutLatencyOrErrorsHasNoMedianAndNoErrors() {
        String bare = """
                Running 4s test @ http://127.0.0.1:8080/
                  1 threads and 1 connections
                  4000 requests in 4.00s, 1.00MB read
                Requests/sec:   1000.00
                """;
        Wrk.Result result = Wrk.parse(bare);
        assertNull(result.p50Ms());
        assertEquals(0, result.errors());
    }

    @Test
    void outputThatIsNotAReportIsAnErrorQuotingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Wrk.parse("unable to connect to 127.0.0.1:8080 Connection refused"));
        assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
    }

    @Test
    void runsInTheContainersNetworkNamespacePinnedWithOneThread() {
        assertEquals(List.of("nsenter", "-t", "4242", "-n", "taskset", "-c", "1", "wrk", "-t1", "-c16", "-d4s",
                        "--timeout", "2s", "--latency", "http://127.0.0.1:8080/"),
                Wrk.command(4242, "1", 16, Duration.ofSeconds(4), Duration.ofSeconds(2), "http://127.0.0.1:8080/"));
    }
}
