package io.bridgehead.tenant.jobs;

/** No job has the given id. */
public final class UnknownJobException extends Exception {
  public UnknownJobException(String jobId) {
    super("job '" + jobId + "' not found");
  }
}
