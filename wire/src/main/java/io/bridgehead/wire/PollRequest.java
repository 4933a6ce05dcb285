package io.bridgehead.wire;

import java.util.List;

/**
 * Body of {@code POST /agent/v1/jobs/next}, the long poll for the next job.
 *
 * @param roles the roles whose jobs this agent takes now; a subset of its enrolled roles
 * @param waitSeconds how long the tenant may hold the request when no job is queued; the
 *     tenant caps it at its own maximum
 */
public record PollRequest(List<Role> roles, int waitSeconds) {}
