package io.bridgehead.console.tray;

import io.bridgehead.console.model.OverallState;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the tray icons with Java2D: a coloured disc per overall state with a white symbol
 * (check, exclamation mark, dash, circular arrow, cross), each size drawn at its own
 * resolution rather than scaled. Run {@link #main} from the repository root to write them
 * into the assets module; the committed PNGs are its output.
 */
public final class TrayIconPainter {
  private TrayIconPainter() {}

  /** Writes every state and size under {@code args[0]}, by default the assets folder. */
  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args.length > 0 ? args[0]
        : "assets/src/main/resources/io/bridgehead/assets/tray");
    Files.createDirectories(folder);
    for (OverallState state : OverallState.values()) {
      for (int size : TrayIcons.SIZES) {
        ImageIO.write(paint(state, size), "png",
            folder.resolve(state.iconName() + "-" + size + ".png").toFile());
      }
    }
  }

  /** Draws one icon. */
  static BufferedImage paint(OverallState state, int size) {
    BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      double inset = size / 16.0;
      double diameter = size - 2 * inset;
      g.setColor(color(state));
      g.fill(new Ellipse2D.Double(inset, inset, diameter, diameter));
      g.setColor(new Color(0, 0, 0, 110));
      g.setStroke(new BasicStroke((float) Math.max(1, size / 24.0)));
      g.draw(new Ellipse2D.Double(inset, inset, diameter, diameter));
      g.setColor(Color.WHITE);
      g.setStroke(new BasicStroke((float) (size / 8.0), BasicStroke.CAP_ROUND,
          BasicStroke.JOIN_ROUND));
      drawSymbol(g, state, size);
    } finally {
      g.dispose();
    }
    return image;
  }

  private static void drawSymbol(Graphics2D g, OverallState state, double s) {
    switch (state) {
      case RUNNING -> {
        Path2D check = new Path2D.Double();
        check.moveTo(s * 0.30, s * 0.52);
        check.lineTo(s * 0.44, s * 0.66);
        check.lineTo(s * 0.71, s * 0.36);
        g.draw(check);
      }
      case DEGRADED -> {
        g.draw(new Line2D.Double(s * 0.5, s * 0.28, s * 0.5, s * 0.55));
        double dot = s / 8.0;
        g.fill(new Ellipse2D.Double(s * 0.5 - dot / 2, s * 0.70 - dot / 2, dot, dot));
      }
      case OFFLINE -> g.draw(new Line2D.Double(s * 0.30, s * 0.5, s * 0.70, s * 0.5));
      case UPDATING -> {
        double r = s * 0.22;
        g.draw(new Arc2D.Double(s * 0.5 - r, s * 0.5 - r, 2 * r, 2 * r, 90, 270,
            Arc2D.OPEN));
        Path2D head = new Path2D.Double();
        head.moveTo(s * 0.5, s * 0.5 - r - s * 0.09);
        head.lineTo(s * 0.5 + s * 0.10, s * 0.5 - r);
        head.lineTo(s * 0.5, s * 0.5 - r + s * 0.09);
        head.closePath();
        g.fill(head);
        g.draw(head);
      }
      default -> {
        g.draw(new Line2D.Double(s * 0.34, s * 0.34, s * 0.66, s * 0.66));
        g.draw(new Line2D.Double(s * 0.66, s * 0.34, s * 0.34, s * 0.66));
      }
    }
  }

  private static Color color(OverallState state) {
    return switch (state) {
      case RUNNING -> new Color(0x1a7f37);
      case DEGRADED -> new Color(0xb35c00);
      case OFFLINE -> new Color(0x5b6472);
      case UPDATING -> new Color(0x1d4ed8);
      case ERROR -> new Color(0xb42318);
    };
  }
}
