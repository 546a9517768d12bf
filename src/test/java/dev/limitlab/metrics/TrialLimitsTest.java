package dev.limitlab.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TrialLimitsTest {
    @Test
    void labelsAConfigurationAsDockerFlagsWouldShowingOnlyWhatIsSet() {
        assertEquals("cpus=0.5 memory=128m", new TrialLimits(0.5, 128L << 20, 128L << 20, 1024L, "no", null).label());
        assertEquals("cpus=1", new TrialLimits(1.0, null, null, 1024L, "no", null).label());
        assertEquals("memory=256m memory-swap=-1", new TrialLimits(null, 256L << 20, -1L, 1024L, "no", null).label());
        assertEquals("restart=on-failure:3", new TrialLimits(null, null, null, 1024L, "on-failure:3", null).label());
        assertEquals("(no limits)", new TrialLimits(null, null, null, 1024L, null, null).label());
    }

    @Test
    void aPidsLimitOtherThanTheDefaultTellsConfigurationsApart() {
        assertEquals("pids-limit=50", new TrialLimits(null, null, null, 50L, "no", null).label());
        assertEquals("pids-limit=100", new TrialLimits(null, null, null, 100L, "no", null).label());
    }
}
