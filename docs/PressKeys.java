import java.awt.Robot;
import java.awt.event.KeyEvent;

/**
 * Presses a key with modifiers in the window that has the keyboard focus:
 * {@code java docs/PressKeys.java alt P}. The screenshot script uses it to start Repair through
 * its mnemonic, so it needs no extra input tool.
 */
public class PressKeys {
  public static void main(String[] args) throws Exception {
    Robot robot = new Robot();
    int[] codes = new int[args.length];
    for (int i = 0; i < args.length; i++) {
      codes[i] = switch (args[i].toLowerCase()) {
        case "alt" -> KeyEvent.VK_ALT;
        case "ctrl" -> KeyEvent.VK_CONTROL;
        case "shift" -> KeyEvent.VK_SHIFT;
        default -> KeyEvent.getExtendedKeyCodeForChar(args[i].toUpperCase().charAt(0));
      };
    }
    for (int code : codes) {
      robot.keyPress(code);
      robot.delay(50);
    }
    for (int i = codes.length - 1; i >= 0; i--) {
      robot.keyRelease(codes[i]);
      robot.delay(50);
    }
    robot.delay(300);
  }
}
