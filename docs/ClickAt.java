import java.awt.Robot;
import java.awt.event.InputEvent;

/**
 * Clicks once at a screen position, or only moves the pointer there:
 * {@code java docs/ClickAt.java X Y [left|right|move]}. The screenshot script uses it to open
 * the tray menu, so it needs no extra input tool.
 */
public class ClickAt {
  public static void main(String[] args) throws Exception {
    Robot robot = new Robot();
    robot.mouseMove(Integer.parseInt(args[0]), Integer.parseInt(args[1]));
    robot.delay(300);
    if (args.length > 2 && args[2].equals("move")) {
      robot.delay(700);
      return;
    }
    int button = args.length > 2 && args[2].equals("right") ? InputEvent.BUTTON3_DOWN_MASK
        : InputEvent.BUTTON1_DOWN_MASK;
    robot.mousePress(button);
    robot.delay(100);
    robot.mouseRelease(button);
    robot.delay(500);
  }
}
