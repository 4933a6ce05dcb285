#!/bin/sh
# Retakes the installation wizard's screenshots, docs/images/wizard-*.png, from the repository
# root:
#
#   launcher/wizard-screenshots.sh
#
# It builds the launcher and the modules it depends on, then runs WizardScreenshots (a test
# class) under Xvfb at 1024x768. WizardScreenshots starts a tenant on loopback, goes through
# every page with working values, installs into a temporary root and removes it again.
# Linux only; needs Xvfb (Debian: apt-get install xvfb). Maven is $MVN, else mvn on the PATH,
# else ./mvnw; extra Maven options (for example -o) come from $WIZARD_MAVEN_OPTS.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ -n "${MVN:-}" ]; then
  mvn="$MVN"
elif command -v mvn >/dev/null 2>&1; then
  mvn=mvn
else
  mvn=./mvnw
fi
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "wizard-screenshots.sh: xvfb-run not found; install Xvfb (apt-get install xvfb)" >&2
  exit 2
fi

# shellcheck disable=SC2086 # WIZARD_MAVEN_OPTS is a list of options on purpose.
"$mvn" -q -B -ntp ${WIZARD_MAVEN_OPTS:-} -pl launcher -am test-compile \
  dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt \
  -Dmdep.includeScope=test
classpath="launcher/target/test-classes:launcher/target/classes"
classpath="$classpath:$(cat launcher/target/test-classpath.txt)"

java=java
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
  java="$JAVA_HOME/bin/java"
fi
# The software renderer, because Xvfb has no OpenGL.
xvfb-run -a -s "-screen 0 1024x768x24" \
  "$java" -Dprism.order=sw -cp "$classpath" io.bridgehead.launcher.WizardScreenshots \
  docs/images
