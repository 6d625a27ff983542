package dev.kiln.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** On this (G1) JVM the switch really sets the manageable free-ratio flags. */
class HeapFootprintTest {
    private final HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @AfterEach
    void restoreDefaults() {
        hotspot.setVMOption("MaxHeapFreeRatio", "70");
        hotspot.setVMOption("MinHeapFreeRatio", "40");
    }

    @Test
    void startsTightAndTurnsRoomyUnderAllocation() {
        hotspot.setVMOption("MaxHeapFreeRatio", "70"); // as an earlier Kiln in this test JVM may have left them
        HeapFootprint footprint = new HeapFootprint();
        assertThat(footprint.active()).as("G1 with the ratios left to Kiln (the test JVM sets neither)").isTrue();
        assertThat(flag("MinHeapFreeRatio")).isEqualTo("5");
        assertThat(flag("MaxHeapFreeRatio")).isEqualTo("20");

        footprint.sample(); // baseline count
        long sink = 0;
        long collectionsBefore = youngCollections();
        while (youngCollections() - collectionsBefore < FreeRatioSwitch.BUSY_COLLECTIONS) {
            byte[] garbage = new byte[64 * 1024];
            sink += garbage.length;
        }
        footprint.sample();
        assertThat(sink).isPositive();
        assertThat(flag("MaxHeapFreeRatio")).isEqualTo(Integer.toString(FreeRatioSwitch.BUSY.maxFree()));
        assertThat(flag("MinHeapFreeRatio")).isEqualTo(Integer.toString(FreeRatioSwitch.BUSY.minFree()));
        assertThat(FreeRatioSwitch.BUSY.maxFree()).isGreaterThan(FreeRatioSwitch.QUIET.maxFree());
    }

    private String flag(String name) {
        return hotspot.getVMOption(name).getValue();
    }

    private static long youngCollections() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().filter(gc -> gc.getName().equals("G1 Young Generation"))
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionCount).sum();
    }
}
