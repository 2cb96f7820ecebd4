#!/usr/bin/env bash
# Builds the console as an application image with its own Java runtime (jpackage), from the jar
# and libraries that `mvn package` leaves in console-app/target. Run it as ./run package-console.
# The jars stay on the class path: gRPC and TilesFX are automatic modules, which jlink refuses,
# so jpackage links only the JDK's own modules and Launcher (not an Application) starts JavaFX.
# The image is for the platform it is built on (JavaFX jars carry native code).
set -euo pipefail
JAVA_HOME="${1:?usage: package.sh JAVA_HOME CONSOLE_JAVA_OPTS}"
# The console's JVM flags, as ./run defines them for every way of starting the console.
console_java_opts="${2:?usage: package.sh JAVA_HOME CONSOLE_JAVA_OPTS}"
cd "$(dirname "$0")/target"

# jpackage wants a plain number: the project's version without -SNAPSHOT.
version=$(sed -n 's:.*<version>\([0-9.]*\).*</version>.*:\1:p' ../pom.xml | head -1)
rm -rf jpackage-input app-image
mkdir -p jpackage-input
cp scalemesh-console.jar jpackage-input/
cp -r lib jpackage-input/lib

"$JAVA_HOME/bin/jpackage" \
  --type app-image \
  --name scalemesh-console \
  --app-version "$version" \
  --vendor Scalemesh \
  --description "Scalemesh operations console" \
  --input jpackage-input \
  --main-jar scalemesh-console.jar \
  --main-class io.scalemesh.console.Launcher \
  --java-options "--enable-native-access=ALL-UNNAMED $console_java_opts" \
  --dest app-image

echo "console-app/target/app-image/scalemesh-console: run bin/scalemesh-console [--address HOST:PORT --token TOKEN]"
