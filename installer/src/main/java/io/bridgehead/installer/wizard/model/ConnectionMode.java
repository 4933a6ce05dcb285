package io.bridgehead.installer.wizard.model;

/** The way the operator enters the tenant connection on the connection page. */
public enum ConnectionMode {
  /** One pasted enrollment string with the tenant URL, key and fingerprint. */
  ENROLLMENT_STRING,
  /** The tenant URL, the enrollment key and an optional fingerprint, each in its own field. */
  TENANT_URL
}
