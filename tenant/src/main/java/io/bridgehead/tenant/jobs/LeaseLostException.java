package io.bridgehead.tenant.jobs;

/** The lease an agent named is not the job's current lease: the agent must drop the job. */
public final class LeaseLostException extends Exception {
  public LeaseLostException(String jobId, String leaseId) {
    super("lease " + leaseId + " on job " + jobId + " is no longer held;"
        + " the job was given to another agent, cancelled or finished");
  }
}
