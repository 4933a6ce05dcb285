package io.bridgehead.wire;

import java.util.List;

/**
 * Body of {@code POST /agent/v1/jobs/{id}/logs}.
 *
 * @param leaseId the lease the job runs under
 * @param lines the lines, in order
 */
public record LogBatch(String leaseId, List<LogLine> lines) {}
