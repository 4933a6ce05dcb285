package io.bridgehead.console.tray;

import static org.assertj.core.api.Assertions.assertThat;

import io.bridgehead.console.model.OverallState;
import java.awt.image.BufferedImage;
import java.io.InputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class TrayIconsTest {
  @Test
  void everyStateHasEverySize() throws Exception {
    for (OverallState state : OverallState.values()) {
      for (int size : TrayIcons.SIZES) {
        String resource = TrayIcons.resource(state, size);
        try (InputStream in = TrayIcons.class.getResourceAsStream(resource)) {
          assertThat(in).as(resource).isNotNull();
          BufferedImage image = ImageIO.read(in);
          assertThat(image.getWidth()).as(resource + " width").isEqualTo(size);
          assertThat(image.getHeight()).as(resource + " height").isEqualTo(size);
        }
      }
    }
  }

  @Test
  void committedIconsMatchPainter() throws Exception {
    for (OverallState state : OverallState.values()) {
      BufferedImage painted = TrayIconPainter.paint(state, 32);
      try (InputStream in = TrayIcons.class.getResourceAsStream(
          TrayIcons.resource(state, 32))) {
        BufferedImage stored = ImageIO.read(in);
        int center = stored.getRGB(16, 4);
        assertThat(center).as(state + " disc colour").isEqualTo(painted.getRGB(16, 4));
      }
    }
  }
}
