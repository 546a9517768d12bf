package dev.limitlab.engine;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The parsing the cgroup sampler does on every tick (100 ms by default): {@code key value} lines of cpu.stat and
 * memory.stat, as the kernel shows them (cgroup v1, a 6.x kernel; memory.stat with its 42 lines).
 */
@State(Scope.Benchmark)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CgroupFilesBenchmark {
    private final String cpuStat = "nr_periods 1201\nnr_throttled 1187\nthrottled_time 58812345678\nnr_bursts 0\nburst_time 0\n";
    private final String memoryStat = """
            cache 73728
            rss 15880192
            rss_huge 0
            shmem 0
            mapped_file 0
            dirty 0
            writeback 0
            workingset_refault_anon 0
            workingset_refault_file 0
            swap 0
            swapcached 0
            pgpgin 5321
            pgpgout 1444
            pgfault 6204
            pgmajfault 0
            inactive_anon 15867904
            active_anon 4096
            inactive_file 73728
            active_file 0
            unevictable 0
            hierarchical_memory_limit 134217728
            hierarchical_memsw_limit 134217728
            total_cache 73728
            total_rss 15880192
            total_rss_huge 0
            total_shmem 0
            total_mapped_file 0
            total_dirty 0
            total_writeback 0
            total_workingset_refault_anon 0
            total_workingset_refault_file 0
            total_swap 0
            total_swapcached 0
            total_pgpgin 5321
            total_pgpgout 1444
            total_pgfault 6204
            total_pgmajfault 0
            total_inactive_anon 15867904
            total_active_anon 4096
            total_inactive_file 73728
            total_active_file 0
            total_unevictable 0
            """;

    @Benchmark
    public Map<String, Long> cpuStat() {
        return CgroupFiles.keyValues(cpuStat);
    }

    @Benchmark
    public Map<String, Long> memoryStat() {
        return CgroupFiles.keyValues(memoryStat);
    }
}
