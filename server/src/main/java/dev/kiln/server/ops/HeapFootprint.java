package dev.kiln.server.ops;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the heap small while the server is quiet and roomy while it is busy, by switching G1's free-ratio bounds.
 *
 * <p>G1 hands memory back at the end of a marking cycle, down to {@code MaxHeapFreeRatio} percent free. A tight
 * bound keeps an idle server that holds 10,000 sockets under 500 MB, but under load it also shrinks the heap after
 * every cycle, and the young generation with it: in the chat benchmark G1 then marked almost continuously and the
 * heap was committed and given back every few seconds (docs/benchmarks.md, run 18). Both bounds are manageable
 * flags, so this sets them from the rate of young collections ({@link FreeRatioSwitch}); G1's periodic collection
 * when idle ({@code -XX:G1PeriodicGCInterval} in server/jvm.options) then gives the memory back. No library does
 * this. It stays off on a JVM without these flags, or when either ratio was set as the JVM started.
 */
@Component
public class HeapFootprint {
    private static final Logger log = LoggerFactory.getLogger(HeapFootprint.class);

    private final HotSpotDiagnosticMXBean hotspot;
    private final List<GarbageCollectorMXBean> youngCollectors;
    private final FreeRatioSwitch ratios = new FreeRatioSwitch();
    private final boolean active;

    public HeapFootprint() {
        this.hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        this.youngCollectors = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .filter(gc -> gc.getName().equals("G1 Young Generation")).toList();
        this.active = hotspot != null && !youngCollectors.isEmpty() && chosenByDefault("MinHeapFreeRatio") && chosenByDefault("MaxHeapFreeRatio");
        if (active) apply(FreeRatioSwitch.QUIET); // the server starts quiet
    }

    /** Not set when the JVM started (set at run time is fine: that is this class, in this or an earlier context). */
    private boolean chosenByDefault(String flag) {
        try {
            VMOption option = hotspot.getVMOption(flag);
            return option.isWriteable() && (option.getOrigin() == VMOption.Origin.DEFAULT || option.getOrigin() == VMOption.Origin.MANAGEMENT);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the switch runs (G1, and the ratios left to Kiln). */
    public boolean active() {
        return active;
    }

    @Scheduled(fixedDelay = 1000)
    void sample() {
        if (!active) return;
        long collections = 0;
        for (GarbageCollectorMXBean gc : youngCollectors) collections += gc.getCollectionCount();
        FreeRatioSwitch.Bounds next = ratios.observe(collections, System.currentTimeMillis());
        if (next != null) apply(next);
    }

    private void apply(FreeRatioSwitch.Bounds bounds) {
        try {
            // The JVM refuses a minimum above the maximum at any moment: lower the minimum first, raise the maximum first.
            int currentMax = Integer.parseInt(hotspot.getVMOption("MaxHeapFreeRatio").getValue());
            if (bounds.maxFree() < currentMax) {
                hotspot.setVMOption("MinHeapFreeRatio", Integer.toString(bounds.minFree()));
                hotspot.setVMOption("MaxHeapFreeRatio", Integer.toString(bounds.maxFree()));
            } else {
                hotspot.setVMOption("MaxHeapFreeRatio", Integer.toString(bounds.maxFree()));
                hotspot.setVMOption("MinHeapFreeRatio", Integer.toString(bounds.minFree()));
            }
            log.debug("Heap free-ratio bounds now {}-{} %", bounds.minFree(), bounds.maxFree());
        } catch (RuntimeException e) {
            log.warn("Could not set the heap free-ratio bounds: {}", e.toString());
        }
    }
}
