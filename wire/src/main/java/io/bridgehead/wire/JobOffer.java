package io.bridgehead.wire;

import java.time.Instant;

/**
 * A job offered to an agent by the long poll, under a lease that the agent must accept before
 * it starts the work.
 *
 * @param jobId the job's id
 * @param leaseId the lease's id; every later call about this job names it
 * @param attempt 1 for the first run, raised each time a lapsed lease puts the job back
 * @param role the role the job is for
 * @param leaseSeconds how long the lease lasts after each accept or renewal
 * @param acceptBy when the offer lapses if the agent has not accepted it
 * @param task the task to run
 */
public record JobOffer(
    String jobId,
    String leaseId,
    int attempt,
    Role role,
    int leaseSeconds,
    Instant acceptBy,
    TaskSpec task) {}
