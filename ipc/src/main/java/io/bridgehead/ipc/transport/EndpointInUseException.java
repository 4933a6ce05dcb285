package io.bridgehead.ipc.transport;

import java.io.IOException;

/** A server could not bind because a live server already listens at the address. */
public final class EndpointInUseException extends IOException {
  private final String address;

  public EndpointInUseException(String address, String message) {
    super(message);
    this.address = address;
  }

  public String address() {
    return address;
  }
}
