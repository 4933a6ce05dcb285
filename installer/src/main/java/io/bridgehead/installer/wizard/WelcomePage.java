package io.bridgehead.installer.wizard;

/** The first page: what the wizard installs and what it needs from the operator. */
final class WelcomePage extends WizardPage {

  WelcomePage(WizardModel model) {
    super("welcome", "Install the Bridgehead agent");
    add(paragraph("This wizard installs the Bridgehead agent on this server. The agent"
            + " connects out to your tenant over HTTPS and runs the tenant's jobs here;"
            + " nothing connects in."),
        paragraph("Have these at hand:\n"
            + "  \u2022  the enrollment string of the agent pool this server joins, or the"
            + " tenant's URL and the pool's enrollment key\n"
            + "  \u2022  the proxy's address, if this server reaches the internet through one"),
        paragraph("Each page checks what you enter; Next stays disabled until the page is"
            + " complete. The install runs as one command whose exact line you can copy and"
            + " reuse for unattended installs."));
    if (model.root() != null) {
      add(paragraph("Test installation: every path is inside " + model.root()
          + ", and nothing outside it is changed."));
    }
  }
}
