/** Whether an installed service runs, with the right version, and reaches the tenant. */
package io.bridgehead.installer.health;
