package io.bridgehead.wire;

import java.time.Instant;

/**
 * Answer to an accept or a renewal: the lease holds until {@code expiresAt}.
 *
 * @param expiresAt when the lease lapses unless renewed
 * @param cancelRequested true when an operator cancelled the job; the agent stops the script
 *     and reports {@link Outcome#CANCELLED}
 */
public record LeaseResponse(Instant expiresAt, boolean cancelRequested) {}
