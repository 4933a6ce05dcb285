package io.bridgehead.console.system;

import java.io.IOException;

/** No service manager the console can use; every action fails with the reason. */
public final class UnavailableServices implements SystemServices {
  private final String reason;

  public UnavailableServices(String reason) {
    this.reason = reason;
  }

  @Override
  public boolean canControl() {
    return false;
  }

  @Override
  public String reason() {
    return reason;
  }

  @Override
  public void start(String role) throws IOException {
    throw new IOException(reason);
  }

  @Override
  public void stop(String role) throws IOException {
    throw new IOException(reason);
  }
}
