/** The program files an install copies, found where the running program came from. */
package io.bridgehead.installer.distribution;
