/**
 * The agent's side of updates: the folder that a service and the updater share, the request a
 * service leaves there for the updater, the result the updater leaves for the services, and
 * the release key that packages must be signed with.
 */
package io.bridgehead.agent.update;
