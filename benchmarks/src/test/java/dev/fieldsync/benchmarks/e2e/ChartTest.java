package dev.fieldsync.benchmarks.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results chart: one panel per measured section, two a row, with bars drawn (not a blank image). */
class ChartTest {

    @Test
    void drawsOnePanelPerSectionTwoARow(@TempDir Path dir) throws Exception {
        Results results = new Results();
        results.put("ingest", "jobs", 200_000, "jobs");
        results.put("ingest", "floor_jobs_per_s", 30_000.0, "jobs/s");
        results.put("ingest", "h2_jobs_per_s", 5_254.0, "jobs/s");
        results.put("ingest", "postgres_jobs_per_s", 10_379.0, "jobs/s");
        results.put("ingest", "postgres_over_floor", 2.9, "x");
        results.put("memory", "jobs", 1_000_000, "jobs");
        results.put("memory", "max_heap_mb", 256, "MB");
        results.put("memory", "peak_heap_mb", 201.5, "MB");
        results.put("memory", "completed", true, "");
        results.put("memory", "jobs_per_s", 4_000.0, "jobs/s");
        results.put("interactive_latency", "priority_p50_ms_real", 800.0, "ms");
        Path png = dir.resolve("benchmarks.png");

        Chart.draw(results, png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(2 * 560);
        assertThat(image.getHeight()).isEqualTo(2 * 360); // three panels: two rows
        Set<Integer> colours = new HashSet<>();
        for (int x = 0; x < image.getWidth(); x += 4) {
            for (int y = 0; y < image.getHeight(); y += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours)
                .as("bars and text, not a blank image")
                .hasSizeGreaterThan(10)
                .contains(0xFF4C72B0); // the bars' colour
    }

    @Test
    void drawsNothingWithoutResults(@TempDir Path dir) {
        Path png = dir.resolve("benchmarks.png");
        Chart.draw(new Results(), png);
        assertThat(png).doesNotExist();
    }
}
