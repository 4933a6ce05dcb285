package io.bridgehead.installer.distribution;

import java.io.IOException;

/** Finds the program files to install; called once the command line has been checked. */
@FunctionalInterface
public interface DistributionLocator {
  Distribution locate() throws IOException;
}
