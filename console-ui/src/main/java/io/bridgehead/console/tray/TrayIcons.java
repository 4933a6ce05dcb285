package io.bridgehead.console.tray;

import io.bridgehead.console.model.OverallState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;
import javax.imageio.ImageIO;

/**
 * The tray and window icons in the assets module: one PNG per overall state and size, at
 * {@code io/bridgehead/assets/tray/<state>-<size>.png}.
 */
public final class TrayIcons {
  /** The sizes drawn, in pixels; the tray picks the one that fits its scale. */
  public static final List<Integer> SIZES = List.of(16, 24, 32, 48);
  private static final String FOLDER = "/io/bridgehead/assets/tray/";

  private TrayIcons() {}

  /** Returns the resource path of one icon. */
  public static String resource(OverallState state, int size) {
    return FOLDER + state.iconName() + "-" + size + ".png";
  }

  /** Returns every size of a state's icon for a JavaFX window, which picks by scale. */
  public static List<Image> windowIcons(OverallState state) {
    List<Image> images = new ArrayList<>();
    for (int size : SIZES) {
      try (InputStream in = open(state, size)) {
        images.add(new Image(in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return images;
  }

  /** Returns the AWT image of a state's icon closest to {@code pixels} without being smaller. */
  public static java.awt.Image trayImage(OverallState state, int pixels) {
    int size = SIZES.stream().filter(candidate -> candidate >= pixels).findFirst()
        .orElse(SIZES.get(SIZES.size() - 1));
    try (InputStream in = open(state, size)) {
      return ImageIO.read(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(OverallState state, int size) throws IOException {
    InputStream in = TrayIcons.class.getResourceAsStream(resource(state, size));
    if (in == null) {
      throw new IOException("the icon " + resource(state, size) + " is missing from the"
          + " assets jar; rebuild the assets module");
    }
    return in;
  }
}
