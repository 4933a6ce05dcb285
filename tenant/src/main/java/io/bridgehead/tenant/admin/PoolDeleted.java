package io.bridgehead.tenant.admin;

/**
 * Response to {@code DELETE /admin/v1/pools/{name}}.
 *
 * @param deletedJobs how many finished jobs were deleted with the pool
 */
public record PoolDeleted(String name, int deletedJobs) {}
