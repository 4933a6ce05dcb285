/**
 * The agent's durable outbox: job results and log lines are written to disk before they are
 * sent, and sent again until the tenant acknowledges them, across agent restarts, so a tenant
 * outage or an agent crash loses none of them.
 */
package io.bridgehead.agent.outbox;
