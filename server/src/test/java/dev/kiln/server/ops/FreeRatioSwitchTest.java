package dev.kiln.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Busy after three young collections within three seconds, quiet after two seconds without one. */
class FreeRatioSwitchTest {
    private final FreeRatioSwitch ratios = new FreeRatioSwitch();

    @Test
    void aBurstOfCollectionsMakesItBusyAndTwoQuietSecondsMakeItQuietAgain() {
        assertThat(ratios.observe(10, 1_000)).isNull(); // first sample: only a baseline
        assertThat(ratios.observe(12, 2_000)).isNull(); // two collections: not yet busy
        assertThat(ratios.observe(13, 3_000)).isEqualTo(FreeRatioSwitch.BUSY);
        assertThat(ratios.observe(14, 4_000)).isNull(); // still busy
        assertThat(ratios.observe(14, 5_000)).isNull(); // one quiet second
        assertThat(ratios.observe(14, 6_000)).isEqualTo(FreeRatioSwitch.QUIET);
        assertThat(ratios.observe(14, 60_000)).isNull();
    }

    @Test
    void periodicCollectionsOfAnIdleHeapNeverCountAsBusy() {
        ratios.observe(0, 0);
        for (long t = 3_000, n = 1; t <= 60_000; t += 3_000, n++) {
            assertThat(ratios.observe(n, t)).as("one collection every 3 s").isNull();
        }
    }

    @Test
    void manyCollectionsInOneSampleCountEachOnce() {
        ratios.observe(0, 0);
        assertThat(ratios.observe(5, 1_000)).isEqualTo(FreeRatioSwitch.BUSY);
    }
}
